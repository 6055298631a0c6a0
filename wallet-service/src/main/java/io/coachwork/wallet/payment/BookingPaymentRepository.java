package io.coachwork.wallet.payment;

import io.coachwork.contracts.payment.PaymentCommands;
import io.coachwork.wallet.ledger.Units;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The booking_payment rows. Every state change is one conditional UPDATE on the row, so a webhook
 * delivered twice, or two deliveries racing, change it once: the second finds the row no longer in
 * the state the change starts from and gets nothing back.
 */
@Repository
public class BookingPaymentRepository {

    private final DatabaseClient db;

    public BookingPaymentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** False when the booking already has a payment (a second saga for the same booking). */
    public Mono<Boolean> insert(PaymentCommands.CreateBookingPayment c, String currency, Instant now) {
        return db.sql("""
                        INSERT INTO booking_payment (booking_id, saga_id, reply_topic, student_id, tutor_id, slot_id,
                          amount_minor, currency, status, created_at, updated_at)
                        VALUES (:b, :saga, :reply, :student, :tutor, :slot, :amount, :currency, 'REQUIRES_PAYMENT', :now, :now)
                        ON CONFLICT (booking_id) DO NOTHING""")
                .bind("b", c.bookingId()).bind("saga", c.sagaId()).bind("reply", c.replyTopic())
                .bind("student", c.studentId()).bind("tutor", c.tutorId()).bind("slot", c.slotId())
                .bind("amount", c.amountMinor()).bind("currency", currency).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<BookingPayment> find(String bookingId) {
        return db.sql("SELECT * FROM booking_payment WHERE booking_id = :b").bind("b", bookingId)
                .map((row, meta) -> toPayment(row)).one();
    }

    /** The row, locked until the caller's transaction ends: commands on one booking apply one after the other. */
    public Mono<BookingPayment> lock(String bookingId) {
        return db.sql("SELECT * FROM booking_payment WHERE booking_id = :b FOR UPDATE").bind("b", bookingId)
                .map((row, meta) -> toPayment(row)).one();
    }

    public Mono<BookingPayment> findByIntent(String paymentIntentId) {
        return db.sql("SELECT * FROM booking_payment WHERE payment_intent_id = :pi").bind("pi", paymentIntentId)
                .map((row, meta) -> toPayment(row)).one();
    }

    public Mono<BookingPayment> attachIntent(String bookingId, String paymentIntentId, String clientSecret, Instant now) {
        return update("""
                UPDATE booking_payment SET payment_intent_id = :pi, client_secret = :secret, updated_at = :now
                WHERE booking_id = :b RETURNING *""", bookingId, now, s -> s.bind("pi", paymentIntentId)
                .bind("secret", clientSecret));
    }

    public Mono<BookingPayment> refuse(String bookingId, String reason, Instant now) {
        return update("""
                UPDATE booking_payment SET status = 'REFUSED', failure_reason = :reason, updated_at = :now
                WHERE booking_id = :b AND status = 'REQUIRES_PAYMENT' RETURNING *""", bookingId, now,
                s -> s.bind("reason", reason));
    }

    /**
     * Records the money Stripe collected. Also from FAILED (the student retried with another card)
     * and CANCELLED (paid while the cancel was on its way): the money is real either way, and the
     * saga refunds what it no longer wants.
     */
    public Mono<BookingPayment> succeed(String bookingId, long paidMinor, Instant now) {
        return update("""
                UPDATE booking_payment SET status = 'SUCCEEDED', paid_minor = :paid, failure_reason = NULL, updated_at = :now
                WHERE booking_id = :b AND status IN ('REQUIRES_PAYMENT', 'FAILED', 'CANCELLED') RETURNING *""",
                bookingId, now, s -> s.bind("paid", paidMinor));
    }

    /** Only an unpaid payment fails: a failure reported after the success changes nothing. */
    public Mono<BookingPayment> fail(String bookingId, String reason, Instant now) {
        return update("""
                UPDATE booking_payment SET status = 'FAILED', failure_reason = :reason, updated_at = :now
                WHERE booking_id = :b AND status = 'REQUIRES_PAYMENT' RETURNING *""", bookingId, now,
                s -> s.bind("reason", reason));
    }

    public Mono<BookingPayment> cancel(String bookingId, String reason, Instant now) {
        return update("""
                UPDATE booking_payment SET status = 'CANCELLED', failure_reason = COALESCE(:reason, failure_reason),
                  updated_at = :now
                WHERE booking_id = :b AND status IN ('REQUIRES_PAYMENT', 'FAILED') RETURNING *""", bookingId, now,
                s -> s.bind("reason", Parameter.fromOrEmpty(reason, String.class)));
    }

    public Mono<BookingPayment> requestRefund(String bookingId, long amountMinor, String refundId, String sagaId,
                                              String replyTopic, Instant now) {
        return update("""
                UPDATE booking_payment SET status = 'REFUND_PENDING', refund_requested_minor = :amount,
                  refund_id = :refund, refund_saga_id = :saga, refund_reply_topic = :reply, updated_at = :now
                WHERE booking_id = :b AND status = 'SUCCEEDED' RETURNING *""", bookingId, now, s -> s
                .bind("amount", amountMinor).bind("refund", refundId).bind("saga", sagaId).bind("reply", replyTopic));
    }

    /** The row after a refund webhook and what was refunded before it; empty when the webhook brings nothing new. */
    public record Refunded(BookingPayment payment, long previouslyRefundedMinor) {
    }

    /**
     * Stripe's {@code charge.refunded} carries the charge's cumulative {@code amount_refunded}: only an
     * increase changes anything, so a replay or an older event arriving late is a no-op.
     */
    public Mono<Refunded> refunded(String bookingId, long totalRefundedMinor, String refundId, Instant now) {
        return db.sql("""
                        WITH before AS (SELECT booking_id, refunded_minor FROM booking_payment WHERE booking_id = :b FOR UPDATE)
                        UPDATE booking_payment p SET refunded_minor = :total,
                          refund_id = COALESCE(p.refund_id, :refund),
                          status = CASE WHEN :total >= p.paid_minor THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END,
                          updated_at = :now
                        FROM before
                        WHERE p.booking_id = before.booking_id AND p.paid_minor > 0 AND before.refunded_minor < :total
                        RETURNING p.*, before.refunded_minor AS previously_refunded""")
                .bind("b", bookingId).bind("total", totalRefundedMinor)
                .bind("refund", Parameter.fromOrEmpty(refundId, String.class)).bind("now", utc(now))
                .map((row, meta) -> new Refunded(toPayment(row), row.get("previously_refunded", Long.class)))
                .one();
    }

    /**
     * Pays the booking out once: {@code releasedMinor} left the escrow for the tutor (less
     * {@code commissionMinor}). A SUCCEEDED payment becomes RELEASED; a partly refunded one keeps its
     * refund status. Empty when it was released before.
     */
    public Mono<BookingPayment> release(String bookingId, long releasedMinor, long commissionMinor, BigDecimal rate,
                                        String teachingSessionId, Instant now) {
        return update("""
                UPDATE booking_payment SET released_minor = :released, commission_minor = :commission,
                  commission_rate = :rate, teaching_session_id = :session, released_at = :now, updated_at = :now,
                  status = CASE WHEN status = 'SUCCEEDED' THEN 'RELEASED' ELSE status END
                WHERE booking_id = :b AND released_at IS NULL AND paid_minor > 0 RETURNING *""", bookingId, now, s -> s
                .bind("released", releasedMinor).bind("commission", commissionMinor).bind("rate", rate)
                .bind("session", Parameter.fromOrEmpty(teachingSessionId, String.class)));
    }

    /** A tutor's released bookings, newest first. */
    public Flux<BookingPayment> released(long tutorId, int limit, long offset) {
        return db.sql("""
                        SELECT * FROM booking_payment WHERE tutor_id = :t AND released_at IS NOT NULL
                        ORDER BY released_at DESC, booking_id LIMIT :limit OFFSET :offset""")
                .bind("t", tutorId).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toPayment(row)).all();
    }

    /** The tutor's earnings accounts, one per currency (the ledger's cached balances). */
    public Flux<PaymentViews.EarningsBalance> earningsBalances(long tutorId) {
        return db.sql("SELECT unit, balance FROM account WHERE owner_id = :t AND code = 'earnings' ORDER BY unit")
                .bind("t", tutorId)
                .map((row, meta) -> new PaymentViews.EarningsBalance(row.get("unit", String.class),
                        Units.money(row.get("balance", Long.class), row.get("unit", String.class))))
                .all();
    }

    public Mono<Long> countReleased(long tutorId) {
        return db.sql("SELECT count(*) AS n FROM booking_payment WHERE tutor_id = :t AND released_at IS NOT NULL")
                .bind("t", tutorId).map((row, meta) -> row.get("n", Long.class)).one();
    }

    private Mono<BookingPayment> update(String sql, String bookingId, Instant now,
                                        UnaryOperator<DatabaseClient.GenericExecuteSpec> binds) {
        return binds.apply(db.sql(sql).bind("b", bookingId).bind("now", utc(now)))
                .map((row, meta) -> toPayment(row)).one();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static BookingPayment toPayment(Readable row) {
        return new BookingPayment(row.get("booking_id", String.class), row.get("saga_id", String.class),
                row.get("reply_topic", String.class), row.get("student_id", Long.class), row.get("tutor_id", Long.class),
                row.get("slot_id", Long.class), row.get("amount_minor", Long.class), row.get("currency", String.class),
                row.get("status", String.class), row.get("payment_intent_id", String.class),
                row.get("client_secret", String.class), row.get("failure_reason", String.class),
                row.get("paid_minor", Long.class), row.get("refund_requested_minor", Long.class),
                row.get("refunded_minor", Long.class), row.get("refund_id", String.class),
                row.get("refund_saga_id", String.class), row.get("refund_reply_topic", String.class),
                row.get("released_minor", Long.class), row.get("commission_minor", Long.class),
                row.get("commission_rate", BigDecimal.class), row.get("teaching_session_id", String.class),
                instant(row, "released_at"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
