package io.coachwork.wallet.payment;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.payment.PaymentCommands;
import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.platform.money.Money;
import io.coachwork.platform.web.ApiException;
import io.coachwork.wallet.hours.TutorPlans;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import io.coachwork.wallet.saga.Reply;
import io.coachwork.wallet.topup.StripePayments;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Booking payments (seed 002 §2-§3): the booking saga's commands, Stripe's webhooks about booking
 * PaymentIntents and charges, and the release of a paid booking to its tutor.
 * <p>
 * Money in the ledger: a payment Stripe collected moves {@code stripe_clearing → booking_escrow}; a
 * refund Stripe confirmed moves {@code booking_escrow → stripe_clearing}; a release moves
 * {@code booking_escrow → platform_commission + earnings (tutor)}. Escrow and commission are
 * platform accounts (append-only, per currency), so no booking waits on another's row.
 * <p>
 * Commands run inside the command's inbox transaction ({@code WalletCommandHandler}); Stripe is
 * called there, which is safe because every Stripe call carries an idempotency key (or is a
 * cancel, which Stripe refuses twice without effect). Webhook changes run in a transaction of their
 * own that locks the booking's row, so they apply once and in order with the commands.
 */
@Service
public class BookingPayments {

    private static final Logger log = LoggerFactory.getLogger(BookingPayments.class);

    private final BookingPaymentRepository payments;
    private final StripePayments stripe;
    private final Ledger ledger;
    private final PaymentNotices notices;
    private final TutorPlans plans;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final PaymentProperties properties;

    public BookingPayments(BookingPaymentRepository payments, StripePayments stripe, Ledger ledger,
                           PaymentNotices notices, TutorPlans plans, TransactionalOperator tx, Clock clock,
                           PaymentProperties properties) {
        this.payments = payments;
        this.stripe = stripe;
        this.ledger = ledger;
        this.notices = notices;
        this.plans = plans;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    // --- Commands (inside the command's transaction) ---------------------------------------------

    public Mono<Reply> create(PaymentCommands.CreateBookingPayment c) {
        Optional<String> invalid = invalid(c);
        if (invalid.isPresent()) {
            return Mono.just(refused(c.sagaId(), c.bookingId(), invalid.get()));
        }
        if (!stripe.configured()) {
            return Mono.just(refused(c.sagaId(), c.bookingId(), "Card payments are not configured"));
        }
        String currency = c.currency().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        return payments.insert(c, currency, now)
                .then(payments.lock(c.bookingId()))
                .flatMap(existing -> {
                    if (BookingPayment.REFUSED.equals(existing.status())) {
                        return Mono.just(refused(c.sagaId(), c.bookingId(), existing.failureReason()));
                    }
                    if (existing.paymentIntentId() != null) {
                        // Another saga already opened this booking's payment: the same intent answers it.
                        return Mono.just(created(c.sagaId(), existing));
                    }
                    String description = c.description() == null || c.description().isBlank()
                            ? "Coachwork booking " + c.bookingId() : c.description();
                    return stripe.createBookingIntent(c.bookingId(), existing.studentId(), existing.tutorId(),
                                    existing.amountMinor(), existing.currency(), description)
                            .flatMap(pi -> payments.attachIntent(c.bookingId(), pi.getId(), pi.getClientSecret(), now))
                            .flatMap(p -> notices.changed(EventTypes.PAYMENT_CREATED, p, null, now)
                                    .thenReturn(created(c.sagaId(), p)))
                            .onErrorResume(e -> refusal(e).isPresent(), e -> {
                                String reason = refusal(e).orElseThrow();
                                return payments.refuse(c.bookingId(), reason, now)
                                        .thenReturn(refused(c.sagaId(), c.bookingId(), reason));
                            });
                });
    }

    public Mono<Reply> cancel(PaymentCommands.CancelBookingPayment c) {
        Instant now = clock.instant();
        return payments.lock(c.bookingId()).flatMap(p -> switch (p.status()) {
            case BookingPayment.REQUIRES_PAYMENT, BookingPayment.FAILED -> p.paymentIntentId() == null
                    ? cancelled(p, c, now)
                    : stripe.cancelIntent(p.paymentIntentId())
                            .flatMap(pi -> cancelled(p, c, now))
                            .onErrorResume(InvalidRequestException.class, e -> stripe.retrieveIntent(p.paymentIntentId())
                                    .flatMap(pi -> afterRefusedCancel(p, pi, c, now, e)));
            case BookingPayment.CANCELLED, BookingPayment.REFUSED -> Mono.just(new Reply(
                    EventTypes.BOOKING_PAYMENT_CANCELLED,
                    new PaymentReplies.BookingPaymentCancelled(c.sagaId(), c.bookingId(), p.paymentIntentId())));
            default -> Mono.just(succeededReply(c.sagaId(), p));
        }).switchIfEmpty(Mono.fromSupplier(() -> new Reply(EventTypes.BOOKING_PAYMENT_CANCELLED,
                new PaymentReplies.BookingPaymentCancelled(c.sagaId(), c.bookingId(), null))));
    }

    /** Stripe would not cancel: the student paid meanwhile (record it and say so) or it was cancelled already. */
    private Mono<Reply> afterRefusedCancel(BookingPayment p, PaymentIntent pi, PaymentCommands.CancelBookingPayment c,
                                           Instant now, InvalidRequestException refusal) {
        if ("succeeded".equals(pi.getStatus())) {
            return collect(p, pi, now).map(paid -> succeededReply(c.sagaId(), paid));
        }
        if ("canceled".equals(pi.getStatus())) {
            return cancelled(p, c, now);
        }
        return Mono.error(refusal);
    }

    private Mono<Reply> cancelled(BookingPayment p, PaymentCommands.CancelBookingPayment c, Instant now) {
        return payments.cancel(p.bookingId(), c.reason(), now)
                .flatMap(done -> notices.changed(EventTypes.PAYMENT_CANCELLED, done, c.reason(), now))
                .thenReturn(new Reply(EventTypes.BOOKING_PAYMENT_CANCELLED,
                        new PaymentReplies.BookingPaymentCancelled(c.sagaId(), c.bookingId(), p.paymentIntentId())));
    }

    /**
     * Refunds {@code amountMinor} through Stripe and releases the rest of the payment to the tutor
     * at once (a policy's partial refund); 0 releases everything. A booking asked to refund again is
     * answered with its first refund; one not paid (or already paid out) refunds nothing.
     */
    public Mono<Reply> refund(PaymentCommands.RefundBookingPayment c) {
        Instant now = clock.instant();
        return payments.lock(c.bookingId()).flatMap(p -> {
            if (p.refundId() != null || p.refundRequestedMinor() > 0) {
                return Mono.just(refundRequested(c.sagaId(), p.bookingId(), p.refundId(), p.refundRequestedMinor(),
                        p.currency()));
            }
            if (!BookingPayment.SUCCEEDED.equals(p.status())) {
                return Mono.just(refundRequested(c.sagaId(), p.bookingId(), null, 0, p.currency()));
            }
            long open = p.openMinor();
            long amount = Math.min(Math.max(c.amountMinor(), 0), open);
            long rest = open - amount;
            if (amount == 0) {
                return release(p, rest, null, now).thenReturn(refundRequested(c.sagaId(), p.bookingId(), null, 0,
                        p.currency()));
            }
            return stripe.refund(p.paymentIntentId(), amount, p.bookingId() + ":refund", p.bookingId())
                    .flatMap(refund -> payments.requestRefund(p.bookingId(), amount, refund.getId(), c.sagaId(),
                                    c.replyTopic(), now)
                            .flatMap(pending -> notices.changed(EventTypes.PAYMENT_REFUND_REQUESTED, pending, c.reason(), now)
                                    .then(rest > 0 ? release(pending, rest, null, now).then() : Mono.empty()))
                            .thenReturn(refundRequested(c.sagaId(), p.bookingId(), refund.getId(), amount, p.currency())));
        }).switchIfEmpty(Mono.fromSupplier(() -> refundRequested(c.sagaId(), c.bookingId(), null, 0, null)));
    }

    // --- Webhooks (each in a transaction of its own) ---------------------------------------------

    /** The booking a PaymentIntent pays for, by its metadata; empty when it is not a booking's (a top-up). */
    public static Optional<String> bookingOf(PaymentIntent intent) {
        return Optional.ofNullable(intent.getMetadata()).map(m -> m.get("booking_id")).filter(id -> !id.isBlank());
    }

    /** {@code payment_intent.succeeded}: the money enters the escrow and the saga hears it; false when known already. */
    public Mono<Boolean> paymentSucceeded(String bookingId, PaymentIntent intent) {
        Instant now = clock.instant();
        return tx.transactional(locked(bookingId).flatMap(p -> collect(p, intent, now))
                .flatMap(paid -> notices.reply(paid.replyTopic(), paid.sagaId(), EventTypes.BOOKING_PAYMENT_SUCCEEDED,
                        succeededReply(paid.sagaId(), paid).data()).thenReturn(true))
                .defaultIfEmpty(false));
    }

    /** {@code payment_intent.payment_failed}: only an unpaid payment fails (a late failure after success is ignored). */
    public Mono<Boolean> paymentFailed(String bookingId, PaymentIntent intent) {
        String reason = intent.getLastPaymentError() != null && intent.getLastPaymentError().getMessage() != null
                ? intent.getLastPaymentError().getMessage() : "The card payment failed";
        Instant now = clock.instant();
        return tx.transactional(locked(bookingId).flatMap(p -> payments.fail(bookingId, reason, now))
                .flatMap(failed -> notices.changed(EventTypes.PAYMENT_FAILED, failed, reason, now)
                        .then(notices.reply(failed.replyTopic(), failed.sagaId(), EventTypes.BOOKING_PAYMENT_FAILED,
                                new PaymentReplies.BookingPaymentFailed(failed.sagaId(), bookingId,
                                        failed.paymentIntentId(), reason)))
                        .thenReturn(true))
                .defaultIfEmpty(false));
    }

    /**
     * {@code payment_intent.canceled}: the payment can no longer happen. The saga hears it as a
     * failure unless it already heard one (or cancelled the intent itself).
     */
    public Mono<Boolean> paymentCanceled(String bookingId, PaymentIntent intent) {
        String reason = intent.getCancellationReason() == null ? "The payment was cancelled"
                : "The payment was cancelled (" + intent.getCancellationReason() + ")";
        Instant now = clock.instant();
        return tx.transactional(locked(bookingId).flatMap(before -> payments.cancel(bookingId, reason, now)
                        .flatMap(cancelled -> notices.changed(EventTypes.PAYMENT_CANCELLED, cancelled, reason, now)
                                .then(BookingPayment.REQUIRES_PAYMENT.equals(before.status())
                                        ? notices.reply(cancelled.replyTopic(), cancelled.sagaId(),
                                        EventTypes.BOOKING_PAYMENT_FAILED, new PaymentReplies.BookingPaymentFailed(
                                                cancelled.sagaId(), bookingId, cancelled.paymentIntentId(), reason))
                                        : Mono.empty())
                                .thenReturn(true)))
                .defaultIfEmpty(false));
    }

    /**
     * {@code charge.refunded} (Stripe sends it for full and partial refunds, with the charge's
     * cumulative {@code amount_refunded}): the refunded money leaves the escrow, the status becomes
     * REFUNDED or PARTIALLY_REFUNDED, and the saga that asked for the refund hears it. False when
     * the charge is not a booking's or brings nothing new.
     */
    public Mono<Boolean> chargeRefunded(Charge charge) {
        String intentId = charge.getPaymentIntent();
        long total = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        if (intentId == null || total <= 0) {
            return Mono.just(false);
        }
        // Charges list their refunds only where the webhook endpoint expands them; else the refund we asked for is kept.
        String stripeRefundId = charge.getRefunds() != null && charge.getRefunds().getData() != null
                && !charge.getRefunds().getData().isEmpty() ? charge.getRefunds().getData().get(0).getId() : null;
        Instant now = clock.instant();
        return payments.findByIntent(intentId).flatMap(found -> tx.transactional(
                        payments.refunded(found.bookingId(), total, stripeRefundId, now).flatMap(r -> {
                            BookingPayment p = r.payment();
                            long delta = total - r.previouslyRefundedMinor();
                            LedgerTransaction out = LedgerTransaction.builder(TransactionKind.BOOKING_REFUND, null,
                                            "BOOKING-REFUND-" + p.bookingId(), "Refund of booking " + p.bookingId()
                                                    + " (" + p.paymentIntentId() + ")")
                                    .move(escrow(p.currency()), clearing(p.currency()), delta)
                                    .build();
                            String saga = p.refundSagaId() != null ? p.refundSagaId() : p.sagaId();
                            String topic = p.refundReplyTopic() != null ? p.refundReplyTopic() : p.replyTopic();
                            return ledger.post(out)
                                    .then(notices.changed(EventTypes.PAYMENT_REFUNDED, p, null, now))
                                    .then(notices.reply(topic, saga, EventTypes.BOOKING_PAYMENT_REFUNDED,
                                            new PaymentReplies.BookingPaymentRefunded(saga, p.bookingId(), p.refundId(),
                                                    delta, p.currency(), total)))
                                    .thenReturn(true);
                        })))
                .defaultIfEmpty(false);
    }

    /**
     * The booking's row for a webhook, locked. A booking intent whose row is not there yet (the
     * command that made it has not committed) is answered 503, so Stripe delivers it again later.
     */
    private Mono<BookingPayment> locked(String bookingId) {
        return payments.lock(bookingId).switchIfEmpty(Mono.error(() -> ApiException.unavailable(
                "Booking " + bookingId + " has no payment recorded yet; deliver again later")));
    }

    // --- Release to the tutor --------------------------------------------------------------------

    /**
     * A completed session (or one the students missed) pays its tutor: what the escrow holds for the
     * booking, less the tier's commission. Once per booking; false when there is nothing to release
     * (not paid, refunded, released before, or another tutor's booking).
     */
    public Mono<Boolean> sessionCompleted(String bookingId, long tutorId, String teachingSessionId) {
        Instant now = clock.instant();
        return tx.transactional(payments.lock(bookingId)
                .filter(p -> p.tutorId() == tutorId && BookingPayment.SUCCEEDED.equals(p.status()) && p.openMinor() > 0)
                .flatMap(p -> release(p, p.openMinor(), teachingSessionId, now))
                .map(released -> true)
                .defaultIfEmpty(false));
    }

    private Mono<BookingPayment> release(BookingPayment p, long grossMinor, String teachingSessionId, Instant now) {
        return plans.commissionRate(p.tutorId()).defaultIfEmpty(properties.defaultCommissionRate()).flatMap(rate -> {
            CommissionSplit split = CommissionSplit.of(grossMinor, rate, p.currency());
            return payments.release(p.bookingId(), grossMinor, split.commissionMinor(), rate, teachingSessionId, now)
                    .flatMap(released -> {
                        String ref = "BOOKING-RELEASE-" + p.bookingId();
                        Mono<Void> posted = grossMinor == 0 ? Mono.empty() : ledger.post(LedgerTransaction.builder(
                                        TransactionKind.BOOKING_RELEASE, p.tutorId(), ref,
                                        "Booking " + p.bookingId() + " paid out (commission " + rate.toPlainString() + "%)")
                                .move(escrow(p.currency()), commission(p.currency()), split.commissionMinor())
                                .move(escrow(p.currency()), earnings(p.tutorId(), p.currency()), split.netMinor())
                                .build()).then();
                        return posted.then(notices.earning(new TutorEarning(p.bookingId(), teachingSessionId,
                                        p.tutorId(), p.studentId(), split.grossMinor(), split.commissionMinor(),
                                        split.netMinor(), rate, p.currency(), ref, now)))
                                .thenReturn(released);
                    });
        });
    }

    // --- Shared ----------------------------------------------------------------------------------

    /** Records what Stripe collected for {@code p} (in the caller's transaction, row locked); empty when already recorded. */
    private Mono<BookingPayment> collect(BookingPayment p, PaymentIntent intent, Instant now) {
        long received = intent.getAmountReceived() != null && intent.getAmountReceived() > 0
                ? intent.getAmountReceived() : intent.getAmount() == null ? 0 : intent.getAmount();
        String paidCurrency = intent.getCurrency() == null ? "" : intent.getCurrency().toUpperCase(Locale.ROOT);
        if (!paidCurrency.equals(p.currency()) || received <= 0) {
            log.error("PaymentIntent {} paid {} {} for booking {} in {}; not recorded, reconcile by hand",
                    intent.getId(), received, paidCurrency, p.bookingId(), p.currency());
            return Mono.empty();
        }
        return payments.succeed(p.bookingId(), received, now).flatMap(paid -> ledger.post(LedgerTransaction.builder(
                                TransactionKind.BOOKING_PAYMENT, null, "BOOKING-PAY-" + paid.bookingId(),
                                "Payment of booking " + paid.bookingId() + " (" + intent.getId() + ")")
                        .move(clearing(paid.currency()), escrow(paid.currency()), received)
                        .build())
                .then(notices.changed(EventTypes.PAYMENT_SUCCEEDED, paid, null, now))
                .thenReturn(paid));
    }

    private static Optional<String> invalid(PaymentCommands.CreateBookingPayment c) {
        if (c.bookingId() == null || c.bookingId().isBlank() || c.bookingId().length() > 200) {
            return Optional.of("A booking id is required");
        }
        if (c.amountMinor() <= 0) {
            return Optional.of("The amount must be greater than 0");
        }
        try {
            Money.fractionDigits(c.currency() == null ? "" : c.currency().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.of("Unknown currency " + c.currency());
        }
        return Optional.empty();
    }

    /** Why Stripe refused (a bad amount or currency, a rejected key); empty for outages, which are retried. */
    private static Optional<String> refusal(Throwable e) {
        if (e instanceof InvalidRequestException || e instanceof AuthenticationException) {
            StripeException s = (StripeException) e;
            return Optional.of("The card payment could not be started: "
                    + (s.getStripeError() != null && s.getStripeError().getMessage() != null
                    ? s.getStripeError().getMessage() : s.getMessage()));
        }
        return Optional.empty();
    }

    private static Reply created(String sagaId, BookingPayment p) {
        return new Reply(EventTypes.BOOKING_PAYMENT_CREATED, new PaymentReplies.BookingPaymentCreated(sagaId,
                p.bookingId(), p.paymentIntentId(), p.clientSecret(), p.amountMinor(), p.currency()));
    }

    private static Reply refused(String sagaId, String bookingId, String reason) {
        return new Reply(EventTypes.BOOKING_PAYMENT_REFUSED,
                new PaymentReplies.BookingPaymentRefused(sagaId, bookingId, reason));
    }

    private static Reply succeededReply(String sagaId, BookingPayment p) {
        return new Reply(EventTypes.BOOKING_PAYMENT_SUCCEEDED, new PaymentReplies.BookingPaymentSucceeded(sagaId,
                p.bookingId(), p.paymentIntentId(), p.paidMinor(), p.currency()));
    }

    private static Reply refundRequested(String sagaId, String bookingId, String refundId, long amount, String currency) {
        return new Reply(EventTypes.BOOKING_REFUND_REQUESTED,
                new PaymentReplies.BookingRefundRequested(sagaId, bookingId, refundId, amount, currency));
    }

    static AccountRef escrow(String currency) {
        return AccountRef.platform(AccountCode.BOOKING_ESCROW, currency);
    }

    static AccountRef clearing(String currency) {
        return AccountRef.platform(AccountCode.STRIPE_CLEARING, currency);
    }

    static AccountRef commission(String currency) {
        return AccountRef.platform(AccountCode.PLATFORM_COMMISSION, currency);
    }

    static AccountRef earnings(long tutorId, String currency) {
        return new AccountRef(AccountCode.EARNINGS, tutorId, currency);
    }
}
