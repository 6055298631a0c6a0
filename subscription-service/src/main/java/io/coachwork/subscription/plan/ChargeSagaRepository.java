package io.coachwork.subscription.plan;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class ChargeSagaRepository {

    private final DatabaseClient db;

    public ChargeSagaRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<ChargeSaga> insert(ChargeSaga saga, Instant now) {
        return db.sql("""
                        INSERT INTO charge_saga (saga_id, tutor_id, kind, tier_code, tutor_type, auto_renew, amount_minor,
                                                 currency, state, command_sent_at, created_at, updated_at)
                        VALUES (:id, :tutor, :kind, :tier, :type, :renew, :amount, :currency, :state, :now, :now, :now)""")
                .bind("id", saga.sagaId()).bind("tutor", saga.tutorId()).bind("kind", saga.kind())
                .bind("tier", saga.tierCode()).bind("type", saga.tutorType()).bind("renew", saga.autoRenew())
                .bind("amount", saga.amountMinor()).bind("currency", saga.currency()).bind("state", saga.state())
                .bind("now", utc(now))
                .fetch().rowsUpdated().thenReturn(saga);
    }

    public Mono<ChargeSaga> find(UUID sagaId) {
        return db.sql("SELECT * FROM charge_saga WHERE saga_id = :id").bind("id", sagaId)
                .map((row, meta) -> toSaga(row)).one();
    }

    /** The saga if it still waits for its reply, locked for the transaction that settles it. */
    public Mono<ChargeSaga> lockCharging(UUID sagaId) {
        return db.sql("SELECT * FROM charge_saga WHERE saga_id = :id AND state = 'charging' FOR UPDATE")
                .bind("id", sagaId).map((row, meta) -> toSaga(row)).one();
    }

    public Mono<Void> finish(UUID sagaId, String state, String outcome, String transactionRef, Instant now) {
        return db.sql("UPDATE charge_saga SET state = :state, outcome = :outcome, transaction_ref = :ref, updated_at = :now "
                        + "WHERE saga_id = :id")
                .bind("id", sagaId).bind("state", state)
                .bind("outcome", Parameter.fromOrEmpty(outcome, String.class))
                .bind("ref", Parameter.fromOrEmpty(transactionRef, String.class))
                .bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    /** Charges whose reply is overdue, claimed for a resend; other replicas skip them. */
    public Flux<ChargeSaga> claimOverdue(Instant sentBefore, Instant now, int limit) {
        return db.sql("""
                        UPDATE charge_saga SET command_sent_at = :now, updated_at = :now
                        WHERE saga_id IN (SELECT saga_id FROM charge_saga WHERE state = 'charging' AND command_sent_at < :before
                                          ORDER BY command_sent_at LIMIT :n FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .bind("before", utc(sentBefore)).bind("now", utc(now)).bind("n", limit)
                .map((row, meta) -> toSaga(row)).all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ChargeSaga toSaga(Readable row) {
        return new ChargeSaga(row.get("saga_id", UUID.class), row.get("tutor_id", Long.class), row.get("kind", String.class),
                row.get("tier_code", String.class), row.get("tutor_type", String.class), row.get("auto_renew", Boolean.class),
                row.get("amount_minor", Long.class), row.get("currency", String.class), row.get("state", String.class),
                row.get("outcome", String.class), row.get("command_sent_at", OffsetDateTime.class).toInstant());
    }
}
