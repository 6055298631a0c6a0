package io.coachwork.wallet.admin;

import io.coachwork.platform.web.PageQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What admins did to wallets, and what they were refused: an applied adjustment is written in the
 * same transaction as the ledger entries it explains; a refusal on its own (it moved nothing).
 */
@Repository
public class AuditLog {

    public static final String WALLET_ADJUSTMENT = "wallet_adjustment";

    /** {@code amountMinor} is null for an amount refused as beyond the bound; {@code refusal} says why. */
    public record Entry(long id, long adminId, String action, long tutorId, Long amountMinor, String currency,
                        String reason, String outcome, String refusal, String transactionRef, Instant createdAt) {
    }

    private final DatabaseClient db;

    public AuditLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Long> record(long adminId, String action, long tutorId, long amountMinor, String currency, String reason,
                             long ledgerTransactionId, Instant at) {
        return db.sql("""
                        INSERT INTO audit_log (admin_id, action, tutor_id, amount_minor, currency, reason,
                                               ledger_transaction_id, created_at)
                        VALUES (:admin, :action, :tutor, :amount, :currency, :reason, :ltx, :at) RETURNING id""")
                .bind("admin", adminId).bind("action", action).bind("tutor", tutorId).bind("amount", amountMinor)
                .bind("currency", currency).bind("reason", reason).bind("ltx", ledgerTransactionId)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Long> refused(long adminId, String action, long tutorId, Long amountMinor, String currency,
                              String reason, String refusal, Instant at) {
        return db.sql("""
                        INSERT INTO audit_log (admin_id, action, tutor_id, amount_minor, currency, reason, outcome,
                                               refusal, created_at)
                        VALUES (:admin, :action, :tutor, :amount, :currency, :reason, 'refused', :refusal, :at)
                        RETURNING id""")
                .bind("admin", adminId).bind("action", action).bind("tutor", tutorId)
                .bind("amount", Parameter.fromOrEmpty(amountMinor, Long.class))
                .bind("currency", currency).bind("reason", reason).bind("refusal", refusal)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Long> count(Long tutorId) {
        return db.sql("SELECT count(*) AS n FROM audit_log WHERE (CAST(:tutor AS BIGINT) IS NULL OR tutor_id = :tutor)")
                .bind("tutor", Parameter.fromOrEmpty(tutorId, Long.class))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Newest first. */
    public Flux<Entry> list(Long tutorId, PageQuery page) {
        return db.sql("""
                        SELECT l.*, t.reference FROM audit_log l LEFT JOIN ledger_transaction t ON t.id = l.ledger_transaction_id
                        WHERE (CAST(:tutor AS BIGINT) IS NULL OR l.tutor_id = :tutor)
                        ORDER BY l.id DESC LIMIT :limit OFFSET :offset""")
                .bind("tutor", Parameter.fromOrEmpty(tutorId, Long.class))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map((row, meta) -> new Entry(row.get("id", Long.class), row.get("admin_id", Long.class),
                        row.get("action", String.class), row.get("tutor_id", Long.class),
                        row.get("amount_minor", Long.class), row.get("currency", String.class),
                        row.get("reason", String.class), row.get("outcome", String.class),
                        row.get("refusal", String.class), row.get("reference", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }
}
