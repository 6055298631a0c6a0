package io.coachwork.wallet.hours;

import io.coachwork.platform.web.PageQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Hour purchases and the per-tutor hour totals. */
@Repository
public class HoursRepository {

    private final DatabaseClient db;

    public HoursRepository(DatabaseClient db) {
        this.db = db;
    }

    public record StoredPurchase(long id, long minutes, long pricePerHourMinor, long totalMinor, String currency,
                                 String transactionRef, String status, Instant purchasedAt) {
    }

    /**
     * A tutor's minutes: available and held (the ledger's cached balances), purchased (every
     * purchase) and used (consumed by settled sessions); {@code lastUpdated} is when the available
     * balance last changed, null if it never did.
     */
    public record Summary(long availableMinutes, long heldMinutes, long purchasedMinutes, long usedMinutes,
                          Instant lastUpdated) {
    }

    public Mono<Long> insertPurchase(long tutorId, long minutes, long pricePerHourMinor, long totalMinor, String currency,
                                     String transactionRef, long ledgerTransactionId, Instant at) {
        return db.sql("""
                        INSERT INTO hours_purchase (tutor_id, minutes, price_per_hour_minor, total_minor, currency,
                                                    transaction_ref, status, ledger_transaction_id, purchased_at)
                        VALUES (:t, :m, :p, :total, :c, :ref, 'completed', :ltx, :at) RETURNING id""")
                .bind("t", tutorId).bind("m", minutes).bind("p", pricePerHourMinor).bind("total", totalMinor)
                .bind("c", currency).bind("ref", transactionRef).bind("ltx", ledgerTransactionId)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Long> countPurchases(long tutorId) {
        return db.sql("SELECT count(*) AS n FROM hours_purchase WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    public Flux<StoredPurchase> purchases(long tutorId, PageQuery page) {
        return db.sql("SELECT * FROM hours_purchase WHERE tutor_id = :t ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("t", tutorId).bind("limit", page.limit()).bind("offset", page.offset())
                .map((row, meta) -> new StoredPurchase(row.get("id", Long.class), row.get("minutes", Long.class),
                        row.get("price_per_hour_minor", Long.class), row.get("total_minor", Long.class),
                        row.get("currency", String.class), row.get("transaction_ref", String.class),
                        row.get("status", String.class), row.get("purchased_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    public Mono<Summary> summary(long tutorId) {
        return db.sql("""
                        SELECT
                          (SELECT balance FROM account WHERE owner_id = :t AND code = 'hours_available' AND unit = 'MIN') AS available,
                          (SELECT updated_at FROM account WHERE owner_id = :t AND code = 'hours_available' AND unit = 'MIN') AS updated_at,
                          (SELECT balance FROM account WHERE owner_id = :t AND code = 'hours_held' AND unit = 'MIN') AS held,
                          (SELECT COALESCE(sum(minutes), 0)::bigint FROM hours_purchase WHERE tutor_id = :t) AS purchased,
                          (SELECT COALESCE(sum(used_minutes), 0)::bigint FROM hours_hold
                            WHERE tutor_id = :t AND status = 'settled') AS used""")
                .bind("t", tutorId)
                .map((row, meta) -> {
                    Long available = row.get("available", Long.class);
                    Long held = row.get("held", Long.class);
                    OffsetDateTime updated = row.get("updated_at", OffsetDateTime.class);
                    return new Summary(available == null ? 0 : available, held == null ? 0 : held,
                            row.get("purchased", Long.class), row.get("used", Long.class),
                            updated == null ? null : updated.toInstant());
                })
                .one();
    }
}
