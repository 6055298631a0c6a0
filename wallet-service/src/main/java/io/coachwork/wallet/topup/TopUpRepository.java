package io.coachwork.wallet.topup;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class TopUpRepository {

    private final DatabaseClient db;

    public TopUpRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(UUID id, long tutorId, long amountMinor, String currency, Instant now) {
        return db.sql("INSERT INTO top_up (id, tutor_id, amount_minor, currency, status, created_at) "
                        + "VALUES (:id, :t, :a, :c, 'pending', :now)")
                .bind("id", id).bind("t", tutorId).bind("a", amountMinor).bind("c", currency).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> attachIntent(UUID id, String paymentIntentId) {
        return db.sql("UPDATE top_up SET payment_intent_id = :pi WHERE id = :id")
                .bind("id", id).bind("pi", paymentIntentId)
                .fetch().rowsUpdated().then();
    }

    public Mono<TopUp> find(UUID id) {
        return db.sql("SELECT * FROM top_up WHERE id = :id").bind("id", id).map((row, meta) -> toTopUp(row)).one();
    }

    public Mono<TopUp> findByIntent(String paymentIntentId) {
        return db.sql("SELECT * FROM top_up WHERE payment_intent_id = :pi").bind("pi", paymentIntentId)
                .map((row, meta) -> toTopUp(row)).one();
    }

    /**
     * Marks the top-up paid unless it already is; empty when it was (a replayed webhook). The row
     * lock makes two deliveries arriving together apply one after the other.
     */
    public Mono<TopUp> succeed(UUID id, String paymentIntentId, long creditedMinor, Instant now) {
        return db.sql("""
                        UPDATE top_up SET status = 'succeeded', payment_intent_id = :pi, credited_minor = :credited,
                          failure_reason = NULL, completed_at = :now
                        WHERE id = :id AND status <> 'succeeded' RETURNING *""")
                .bind("id", id).bind("pi", paymentIntentId).bind("credited", creditedMinor).bind("now", utc(now))
                .map((row, meta) -> toTopUp(row)).one();
    }

    public Mono<Void> linkTransaction(UUID id, long ledgerTransactionId) {
        return db.sql("UPDATE top_up SET ledger_transaction_id = :ltx WHERE id = :id")
                .bind("id", id).bind("ltx", ledgerTransactionId)
                .fetch().rowsUpdated().then();
    }

    /** Marks a pending top-up failed; a paid one stays paid. True when it changed. */
    public Mono<Boolean> fail(UUID id, String reason, Instant now) {
        return db.sql("UPDATE top_up SET status = 'failed', failure_reason = :reason, completed_at = :now "
                        + "WHERE id = :id AND status = 'pending'")
                .bind("id", id).bind("reason", reason).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static TopUp toTopUp(Readable row) {
        OffsetDateTime completed = row.get("completed_at", OffsetDateTime.class);
        return new TopUp(row.get("id", UUID.class), row.get("tutor_id", Long.class), row.get("amount_minor", Long.class),
                row.get("currency", String.class), row.get("status", String.class),
                row.get("payment_intent_id", String.class), row.get("credited_minor", Long.class),
                row.get("failure_reason", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
