package io.coachwork.wallet.packages;

import io.coachwork.wallet.packages.domain.PackagePurchase;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.coachwork.wallet.packages.PackageRepository.utc;

/**
 * package_purchase and package_credit rows. State changes are conditional UPDATEs, so a webhook or
 * command applied twice changes the row once; callers lock the purchase first where they read and
 * write it in one transaction.
 */
@Repository
public class PurchaseRepository {

    /** One credit spent on one booking. */
    public record Credit(String bookingId, UUID purchaseId, String status, Instant startsAt, Long shareMinor,
                         Long commissionMinor, BigDecimal commissionRate, String teachingSessionId, Instant consumedAt,
                         Instant returnedAt, Instant releasedAt) {

        public static final String CONSUMED = "CONSUMED";
        public static final String RETURNED = "RETURNED";
        public static final String RELEASED = "RELEASED";
    }

    private final DatabaseClient db;

    public PurchaseRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<PackagePurchase> insert(UUID id, SessionPackage p, long studentId, Instant now) {
        return db.sql("""
                        INSERT INTO package_purchase (id, package_id, tutor_id, student_id, name, session_count,
                          duration_minutes, price_minor, currency, validity_days, status, created_at, updated_at)
                        VALUES (:id, :package, :tutor, :student, :name, :n, :minutes, :price, :currency, :days,
                          'REQUIRES_PAYMENT', :now, :now) RETURNING *""")
                .bind("id", id).bind("package", p.id()).bind("tutor", p.tutorId()).bind("student", studentId)
                .bind("name", p.name()).bind("n", p.sessionCount()).bind("minutes", p.durationMinutes())
                .bind("price", p.priceMinor()).bind("currency", p.currency()).bind("days", p.validityDays())
                .bind("now", utc(now))
                .map((row, meta) -> toPurchase(row)).one();
    }

    public Mono<PackagePurchase> find(UUID id) {
        return db.sql("SELECT * FROM package_purchase WHERE id = :id").bind("id", id)
                .map((row, meta) -> toPurchase(row)).one();
    }

    public Mono<PackagePurchase> lock(UUID id) {
        return db.sql("SELECT * FROM package_purchase WHERE id = :id FOR UPDATE").bind("id", id)
                .map((row, meta) -> toPurchase(row)).one();
    }

    public Mono<PackagePurchase> findByIntent(String paymentIntentId) {
        return db.sql("SELECT * FROM package_purchase WHERE payment_intent_id = :pi").bind("pi", paymentIntentId)
                .map((row, meta) -> toPurchase(row)).one();
    }

    public Mono<PackagePurchase> attachIntent(UUID id, String intentId, String secret, Instant now) {
        return update("UPDATE package_purchase SET payment_intent_id = :pi, client_secret = :secret, updated_at = :now "
                + "WHERE id = :id RETURNING *", id, now, s -> s.bind("pi", intentId).bind("secret", secret));
    }

    /** Stripe took the money: the credits are live until {@code expiresAt}. Also from FAILED (another card worked). */
    public Mono<PackagePurchase> activate(UUID id, long paidMinor, Instant expiresAt, Instant now) {
        return update("""
                UPDATE package_purchase SET status = 'ACTIVE', paid_minor = :paid, paid_at = :now, expires_at = :expires,
                  failure_reason = NULL, updated_at = :now
                WHERE id = :id AND status IN ('REQUIRES_PAYMENT', 'FAILED', 'CANCELLED') RETURNING *""", id, now,
                s -> s.bind("paid", paidMinor).bind("expires", utc(expiresAt)));
    }

    public Mono<PackagePurchase> fail(UUID id, String reason, Instant now) {
        return update("UPDATE package_purchase SET status = 'FAILED', failure_reason = :reason, updated_at = :now "
                + "WHERE id = :id AND status = 'REQUIRES_PAYMENT' RETURNING *", id, now, s -> s.bind("reason", reason));
    }

    public Mono<PackagePurchase> cancel(UUID id, String reason, Instant now) {
        return update("UPDATE package_purchase SET status = 'CANCELLED', failure_reason = :reason, updated_at = :now "
                        + "WHERE id = :id AND status IN ('REQUIRES_PAYMENT', 'FAILED') RETURNING *", id, now,
                s -> s.bind("reason", reason));
    }

    /** Spends one credit on the booking; empty when none is left (the purchase row decides, under its lock). */
    public Mono<PackagePurchase> consume(UUID id, String bookingId, Instant startsAt, Instant now) {
        return update("""
                UPDATE package_purchase SET credits_used = credits_used + 1, updated_at = :now
                WHERE id = :id AND status = 'ACTIVE' AND credits_used + credits_expired < session_count RETURNING *""",
                id, now, s -> s)
                .flatMap(p -> db.sql("""
                                INSERT INTO package_credit (booking_id, purchase_id, status, starts_at, consumed_at)
                                VALUES (:b, :id, 'CONSUMED', :starts, :now)""")
                        .bind("b", bookingId).bind("id", id)
                        .bind("starts", Parameter.fromOrEmpty(startsAt == null ? null : utc(startsAt), OffsetDateTime.class))
                        .bind("now", utc(now))
                        .fetch().rowsUpdated().thenReturn(p));
    }

    public Mono<Credit> credit(String bookingId) {
        return db.sql("SELECT * FROM package_credit WHERE booking_id = :b").bind("b", bookingId)
                .map((row, meta) -> toCredit(row)).one();
    }

    /** The credit is back; a returned purchase's count drops by one. Empty unless the credit was CONSUMED. */
    public Mono<PackagePurchase> giveBack(UUID id, String bookingId, Instant now) {
        return db.sql("UPDATE package_credit SET status = 'RETURNED', returned_at = :now "
                        + "WHERE booking_id = :b AND purchase_id = :id AND status = 'CONSUMED'")
                .bind("b", bookingId).bind("id", id).bind("now", utc(now))
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? update("UPDATE package_purchase SET credits_used = credits_used - 1, "
                        + "updated_at = :now WHERE id = :id RETURNING *", id, now, s -> s) : Mono.empty());
    }

    /** The credit's session completed: its share left the escrow for the tutor. Empty unless it was CONSUMED. */
    public Mono<PackagePurchase> release(UUID id, String bookingId, long shareMinor, long commissionMinor,
                                         BigDecimal rate, String teachingSessionId, Instant now) {
        return db.sql("""
                        UPDATE package_credit SET status = 'RELEASED', share_minor = :share, commission_minor = :commission,
                          commission_rate = :rate, teaching_session_id = :session, released_at = :now
                        WHERE booking_id = :b AND purchase_id = :id AND status = 'CONSUMED'""")
                .bind("b", bookingId).bind("id", id).bind("share", shareMinor).bind("commission", commissionMinor)
                .bind("rate", rate).bind("session", Parameter.fromOrEmpty(teachingSessionId, String.class))
                .bind("now", utc(now))
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? update("""
                        UPDATE package_purchase SET credits_settled = credits_settled + 1,
                          released_minor = released_minor + :share, commission_minor = commission_minor + :commission,
                          updated_at = :now
                        WHERE id = :id RETURNING *""", id, now, s -> s.bind("share", shareMinor)
                        .bind("commission", commissionMinor)) : Mono.empty());
    }

    /** Forfeits {@code credits} unused credits worth {@code amountMinor}; the purchase is EXPIRED. */
    public Mono<PackagePurchase> forfeit(UUID id, int credits, long amountMinor, Instant now) {
        return update("""
                UPDATE package_purchase SET status = 'EXPIRED', credits_expired = credits_expired + :n,
                  credits_settled = credits_settled + :n, forfeited_minor = forfeited_minor + :amount, updated_at = :now
                WHERE id = :id AND status IN ('ACTIVE', 'EXPIRED') RETURNING *""", id, now,
                s -> s.bind("n", credits).bind("amount", amountMinor));
    }

    /** Paid purchases past their validity, claimed for this transaction (replicas skip each other's). */
    public Mono<List<PackagePurchase>> claimExpired(Instant now, int limit) {
        return db.sql("""
                        SELECT * FROM package_purchase WHERE status = 'ACTIVE' AND expires_at <= :now
                        ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("limit", limit)
                .map((row, meta) -> toPurchase(row)).all().collectList();
    }

    public Mono<PackagePurchase> requestRefund(UUID id, Instant now) {
        return update("UPDATE package_purchase SET status = 'REFUND_PENDING', updated_at = :now "
                + "WHERE id = :id AND status = 'ACTIVE' RETURNING *", id, now, s -> s);
    }

    /** Stripe's cumulative refunded amount; only an increase changes anything. Answers the row and the previous total. */
    public Mono<Long> refunded(UUID id, long totalMinor, Instant now) {
        return db.sql("""
                        WITH before AS (SELECT id, refunded_minor FROM package_purchase WHERE id = :id FOR UPDATE)
                        UPDATE package_purchase p SET refunded_minor = :total, updated_at = :now,
                          status = CASE WHEN :total >= p.paid_minor THEN 'REFUNDED' ELSE p.status END
                        FROM before WHERE p.id = before.id AND before.refunded_minor < :total AND :total <= p.paid_minor
                        RETURNING before.refunded_minor AS previously""")
                .bind("id", id).bind("total", totalMinor).bind("now", utc(now))
                .map((row, meta) -> row.get("previously", Long.class)).one();
    }

    /** {@code owner} is the column {@code student_id} or {@code tutor_id} (never client input). */
    public Flux<PackagePurchase> page(String owner, long ownerId, int limit, long offset) {
        return db.sql("SELECT * FROM package_purchase WHERE " + owner + " = :o "
                        + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("o", ownerId).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toPurchase(row)).all();
    }

    public Mono<Long> count(String owner, long ownerId) {
        return db.sql("SELECT count(*) AS n FROM package_purchase WHERE " + owner + " = :o").bind("o", ownerId)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    public Flux<Credit> credits(UUID purchaseId) {
        return db.sql("SELECT * FROM package_credit WHERE purchase_id = :id ORDER BY consumed_at, booking_id")
                .bind("id", purchaseId).map((row, meta) -> toCredit(row)).all();
    }

    private Mono<PackagePurchase> update(String sql, UUID id, Instant now,
                                         UnaryOperator<DatabaseClient.GenericExecuteSpec> binds) {
        return binds.apply(db.sql(sql).bind("id", id).bind("now", utc(now)))
                .map((row, meta) -> toPurchase(row)).one();
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PackagePurchase toPurchase(Readable row) {
        return new PackagePurchase(row.get("id", UUID.class), row.get("package_id", Long.class),
                row.get("tutor_id", Long.class), row.get("student_id", Long.class), row.get("name", String.class),
                row.get("session_count", Integer.class), row.get("duration_minutes", Integer.class),
                row.get("price_minor", Long.class), row.get("currency", String.class),
                row.get("validity_days", Integer.class), row.get("status", String.class),
                row.get("payment_intent_id", String.class), row.get("client_secret", String.class),
                row.get("failure_reason", String.class), row.get("paid_minor", Long.class),
                row.get("credits_used", Integer.class), row.get("credits_settled", Integer.class),
                row.get("credits_expired", Integer.class), row.get("released_minor", Long.class),
                row.get("commission_minor", Long.class), row.get("forfeited_minor", Long.class),
                row.get("refunded_minor", Long.class), instant(row, "paid_at"), instant(row, "expires_at"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Credit toCredit(Readable row) {
        return new Credit(row.get("booking_id", String.class), row.get("purchase_id", UUID.class),
                row.get("status", String.class), instant(row, "starts_at"), row.get("share_minor", Long.class),
                row.get("commission_minor", Long.class), row.get("commission_rate", BigDecimal.class),
                row.get("teaching_session_id", String.class), instant(row, "consumed_at"), instant(row, "returned_at"),
                instant(row, "released_at"));
    }
}
