package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageCommands;
import io.coachwork.contracts.payment.PackageReplies;
import io.coachwork.contracts.payment.PaymentCommands;
import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.contracts.teaching.TeachingReplies;
import io.coachwork.platform.saga.Saga;
import io.coachwork.platform.saga.SagaDefinition;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.saga.SagaInstance;
import io.coachwork.platform.saga.SagaNext;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.booking.domain.BookingStatus;
import io.coachwork.scheduling.booking.domain.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Mono;

/**
 * The booking saga (issue 9), one per booking under one saga id, state in scheduling's database:
 * <ol>
 * <li>{@code pay} at the hold: wallet-service makes the PaymentIntent (BookingPaymentCreated: the
 * booking is PENDING_PAYMENT and the saga idles until Stripe's webhook) or refuses (the seat is
 * freed). Unanswered by the hold's expiry, the hold expires and the intent is cancelled.</li>
 * <li>{@code add-participant} once paid with the hold live: session-service adds the student to the
 * slot's teaching session (CONFIRMED), or refuses and the payment is refunded in full.</li>
 * <li>{@code remove-participant} then {@code refund} on a student cancel (the policy's share),
 * {@code refund} alone on a tutor cancel, a tutor no-show, a refused participant or a late payment,
 * {@code cancel-payment} for an unpaid hold that ends.</li>
 * </ol>
 * A booking paid with a session package starts at {@code consume-credit} instead of {@code pay}:
 * wallet-service spends one credit (then {@code add-participant}) or refuses (no credits left,
 * expired, another tutor or length: the booking is refused and its seat freed). Every path that
 * would refund or cancel a card payment sends {@code return-credit} instead, whoever cancels and
 * however late (docs/packages.md).
 * BookingPaymentSucceeded, BookingPaymentFailed and BookingPaymentRefunded come when Stripe's webhooks
 * do, to the saga id of {@code pay} but not as a step's answer: {@link BookingPayments} applies them
 * and advances the saga.
 */
@Component
public class BookingSaga implements Saga<BookingSaga.Data> {

    public static final String TYPE = "booking";
    public static final String PAY = "pay";
    public static final String ADD_PARTICIPANT = "add-participant";
    public static final String REMOVE_PARTICIPANT = "remove-participant";
    public static final String REFUND = "refund";
    public static final String CANCEL_PAYMENT = "cancel-payment";
    public static final String CONSUME_CREDIT = "consume-credit";
    public static final String RETURN_CREDIT = "return-credit";
    static final String CREDIT_NOT_SPENT = "The package credit could not be spent before the hold expired";
    static final String PAYMENT_NOT_STARTED = "The payment could not be started before the hold expired";

    /**
     * The saga's state: what its commands carry. {@code refundMinor} and {@code reason} are set for a
     * refund; {@code packagePurchaseId} when a package credit pays the booking.
     */
    public record Data(UUID bookingId, UUID sessionId, long slotId, long tutorId, long studentId, String sessionType,
                       int maxParticipants, Instant startsAt, Instant endsAt, String timezone, String title,
                       long amountMinor, String currency, Instant holdExpiresAt, long refundMinor, String reason,
                       UUID packagePurchaseId) {

        static Data of(Booking b, UUID packagePurchaseId) {
            return new Data(b.id(), b.teachingSessionId(), b.slotId(), b.tutorId(), b.studentId(), b.sessionType(),
                    b.maxParticipants(), b.startsAt(), b.endsAt(), b.timezone(),
                    b.subject() == null ? "Teaching session" : b.subject() + " session", b.priceMinor(), b.currency(),
                    b.holdExpiresAt(), 0, null, packagePurchaseId);
        }

        Data refund(long amount, String why) {
            return new Data(bookingId, sessionId, slotId, tutorId, studentId, sessionType, maxParticipants, startsAt,
                    endsAt, timezone, title, amountMinor, currency, holdExpiresAt, amount, why, packagePurchaseId);
        }

        String purchaseKey() {
            return packagePurchaseId.toString();
        }

        int minutes() {
            return (int) Duration.between(startsAt, endsAt).toMinutes();
        }

        /** After the participant is gone or refused: the credit back, or the card payment refunded. */
        String giveBackStep() {
            return packagePurchaseId != null ? RETURN_CREDIT : REFUND;
        }

        String bookingKey() {
            return bookingId.toString();
        }

        String sessionKey() {
            return sessionId.toString();
        }
    }

    private final BookingRepository bookings;
    private final BookingEvents events;
    private final ObjectProvider<Seats> seats;
    /** The engine needs this saga's definition, hence the provider; resolved once. */
    private final Supplier<SagaEngine> engine;
    private final Clock clock;
    private final SagaDefinition<Data> definition;

    public BookingSaga(BookingRepository bookings, BookingEvents events, ObjectProvider<Seats> seats,
                       ObjectProvider<SagaEngine> engine, Clock clock,
                       @Value("${coachwork.bookings.hold:15m}") Duration hold) {
        this.bookings = bookings;
        this.events = events;
        this.seats = seats;
        this.engine = SingletonSupplier.of(engine::getObject);
        this.clock = clock;
        String replies = Topics.SCHEDULING_SAGA_REPLIES;
        this.definition = SagaDefinition.saga(TYPE, Data.class)
                .lockFirst(BookingRepository.LOCK_FOR_SAGA, Data::bookingId)
                .onGiveUp(this::gaveUp)
                .step(PAY)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.CREATE_BOOKING_PAYMENT, Data::bookingKey, (id, d) ->
                        new PaymentCommands.CreateBookingPayment(id.toString(), d.bookingId().toString(), d.studentId(),
                                d.tutorId(), d.slotId(), d.amountMinor(), d.currency(), d.title(), d.holdExpiresAt(),
                                replies))
                .onReply(EventTypes.BOOKING_PAYMENT_CREATED, PaymentReplies.BookingPaymentCreated.class, this::created)
                .onReply(EventTypes.BOOKING_PAYMENT_REFUSED, PaymentReplies.BookingPaymentRefused.class, this::refused)
                .compensatedBy(CANCEL_PAYMENT)
                .timeout(hold)
                .step(ADD_PARTICIPANT)
                .invoke(Topics.SESSION_COMMANDS, EventTypes.ADD_TEACHING_PARTICIPANT, Data::sessionKey, (id, d) ->
                        new TeachingCommands.AddTeachingParticipant(id.toString(), d.sessionId().toString(), d.slotId(),
                                d.tutorId(), d.sessionType(), d.maxParticipants(), d.startsAt(), d.endsAt(),
                                d.timezone(), d.title(), d.bookingId().toString(), d.studentId(), replies))
                .onReply(EventTypes.TEACHING_PARTICIPANT_ADDED, TeachingReplies.TeachingParticipantAdded.class,
                        this::added)
                .onReply(EventTypes.TEACHING_PARTICIPANT_REFUSED, TeachingReplies.TeachingParticipantRefused.class,
                        this::participantRefused)
                .maxAttempts(50)
                .step(REMOVE_PARTICIPANT)
                .invoke(Topics.SESSION_COMMANDS, EventTypes.REMOVE_TEACHING_PARTICIPANT, Data::sessionKey, (id, d) ->
                        new TeachingCommands.RemoveTeachingParticipant(id.toString(), d.sessionId().toString(),
                                d.bookingId().toString(), d.reason(), replies))
                .onReply(EventTypes.TEACHING_PARTICIPANT_REMOVED, TeachingReplies.TeachingParticipantRemoved.class,
                        (saga, reply) -> Mono.just(SagaNext.step(saga.data().giveBackStep(), saga.data())))
                .maxAttempts(50)
                .step(REFUND)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.REFUND_BOOKING_PAYMENT, Data::bookingKey, (id, d) ->
                        new PaymentCommands.RefundBookingPayment(id.toString(), d.bookingId().toString(), d.refundMinor(),
                                d.reason(), replies))
                .onReply(EventTypes.BOOKING_REFUND_REQUESTED, PaymentReplies.BookingRefundRequested.class,
                        this::refundRequested)
                .maxAttempts(50)
                .step(CANCEL_PAYMENT)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.CANCEL_BOOKING_PAYMENT, Data::bookingKey, (id, d) ->
                        new PaymentCommands.CancelBookingPayment(id.toString(), d.bookingId().toString(),
                                d.reason() == null ? "The booking ended before payment" : d.reason(), replies))
                .onReply(EventTypes.BOOKING_PAYMENT_CANCELLED, PaymentReplies.BookingPaymentCancelled.class,
                        this::paymentCancelled)
                .maxAttempts(50)
                .step(CONSUME_CREDIT)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.CONSUME_PACKAGE_CREDIT, Data::purchaseKey, (id, d) ->
                        new PackageCommands.ConsumePackageCredit(id.toString(), d.packagePurchaseId().toString(),
                                d.bookingId().toString(), d.studentId(), d.tutorId(), d.minutes(), d.startsAt(), replies))
                .onReply(EventTypes.PACKAGE_CREDIT_CONSUMED, PackageReplies.PackageCreditConsumed.class,
                        this::creditConsumed)
                .onReply(EventTypes.PACKAGE_CREDIT_REFUSED, PackageReplies.PackageCreditRefused.class,
                        this::creditRefused)
                .compensatedBy(RETURN_CREDIT)
                .timeout(hold)
                .step(RETURN_CREDIT)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.RETURN_PACKAGE_CREDIT, Data::purchaseKey, (id, d) ->
                        new PackageCommands.ReturnPackageCredit(id.toString(), d.packagePurchaseId().toString(),
                                d.bookingId().toString(), d.reason(), replies))
                .onReply(EventTypes.PACKAGE_CREDIT_RETURNED, PackageReplies.PackageCreditReturned.class,
                        this::creditReturned)
                .maxAttempts(50)
                .build();
    }

    @Override
    public SagaDefinition<Data> definition() {
        return definition;
    }

    /**
     * Starts the saga of a new hold, in the transaction that stores it; answers the booking with its saga
     * id. With {@code packagePurchaseId} a credit of that purchase pays instead of a card.
     */
    public Mono<Booking> start(Booking held, UUID packagePurchaseId) {
        return engine.get().start(definition, packagePurchaseId == null ? PAY : CONSUME_CREDIT,
                        Data.of(held, packagePurchaseId))
                .flatMap(saga -> bookings.update(held.withSaga(saga.sagaId())));
    }

    /** Sends {@code step} for a booking the caller's transaction has locked. */
    public Mono<Void> next(Booking b, String step, UnaryOperator<Data> change) {
        return engine.get().advance(definition, b.sagaId(), step, change).then();
    }

    /** Refunds {@code amount} of a paid booking (locked by the caller), removing the participant first when asked. */
    public Mono<Void> refund(Booking b, long amount, String why, boolean removeParticipant) {
        if (b.paymentStatus().packageCredit()) {
            return next(b, removeParticipant ? REMOVE_PARTICIPANT : RETURN_CREDIT, d -> d.refund(0, why));
        }
        return next(b, removeParticipant ? REMOVE_PARTICIPANT : REFUND, d -> d.refund(amount, why));
    }

    /** Cancels the PaymentIntent of an unpaid booking (locked by the caller), or gives its credit back. */
    public Mono<Void> cancelPayment(Booking b, String why) {
        return next(b, b.paymentStatus().packageCredit() ? RETURN_CREDIT : CANCEL_PAYMENT, d -> d.refund(0, why));
    }

    /** Waits (bounded) for the pending step's answer. */
    public Mono<SagaInstance<Data>> await(UUID sagaId, Duration wait) {
        return engine.get().await(definition, sagaId, wait);
    }

    private Mono<SagaNext<Data>> created(SagaInstance<Data> saga, PaymentReplies.BookingPaymentCreated reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status() == BookingStatus.HELD)
                .flatMap(b -> bookings.update(b.paymentCreated(reply.paymentIntentId(), reply.clientSecret(), now)))
                .thenReturn(SagaNext.idle(saga.data()));
    }

    private Mono<SagaNext<Data>> refused(SagaInstance<Data> saga, PaymentReplies.BookingPaymentRefused reply) {
        Instant now = clock.instant();
        String reason = reply.reason() == null ? "The payment could not be started" : reply.reason();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment() && !b.paymentStatus().paid())
                .flatMap(b -> bookings.update(b.refused(reason, now)))
                .flatMap(b -> events.refused(b, now).then(seats.getObject().release(b, now)))
                .thenReturn(SagaNext.fail(reason, saga.data()));
    }

    private Mono<SagaNext<Data>> added(SagaInstance<Data> saga, TeachingReplies.TeachingParticipantAdded reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment() && b.paymentStatus().paid())
                .flatMap(b -> bookings.update(b.confirmed(now)))
                .flatMap(b -> events.confirmed(b, now))
                .thenReturn(SagaNext.complete(saga.data()));
    }

    /** The session is cancelled, over or full: the booking is refused and its payment refunded in full. */
    private Mono<SagaNext<Data>> participantRefused(SagaInstance<Data> saga,
                                                    TeachingReplies.TeachingParticipantRefused reply) {
        Instant now = clock.instant();
        String reason = reply.reason() == null ? "The session can no longer be joined" : reply.reason();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment())
                .flatMap(b -> bookings.update(b.refused(reason, now)))
                .flatMap(b -> events.refused(b, now).then(seats.getObject().release(b, now)))
                .thenReturn(SagaNext.step(saga.data().giveBackStep(), saga.data().refund(saga.data().amountMinor(),
                        reason)));
    }

    /** The credit is spent: the student joins the session as a paid booking does. */
    private Mono<SagaNext<Data>> creditConsumed(SagaInstance<Data> saga, PackageReplies.PackageCreditConsumed reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment() && b.paymentStatus() == PaymentStatus.PACKAGE_PENDING)
                .flatMap(b -> bookings.update(b.creditConsumed(now)))
                .map(b -> SagaNext.step(ADD_PARTICIPANT, saga.data()))
                // The hold ended while the credit was being spent: it goes back.
                .defaultIfEmpty(SagaNext.step(RETURN_CREDIT, saga.data().refund(0, "The booking ended before it was confirmed")));
    }

    /** No credit was spent: the booking is refused with wallet-service's reason and its seat freed. */
    private Mono<SagaNext<Data>> creditRefused(SagaInstance<Data> saga, PackageReplies.PackageCreditRefused reply) {
        Instant now = clock.instant();
        String reason = reply.reason() == null ? "The package credit could not be used" : reply.reason();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment() && b.paymentStatus() == PaymentStatus.PACKAGE_PENDING)
                .flatMap(b -> bookings.update(b.refused(reason, now).creditReturned(now)))
                .flatMap(b -> events.refused(b, now).then(seats.getObject().release(b, now)))
                .thenReturn(SagaNext.fail(reason, saga.data()));
    }

    private Mono<SagaNext<Data>> creditReturned(SagaInstance<Data> saga, PackageReplies.PackageCreditReturned reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.paymentStatus().packageCredit())
                .flatMap(b -> bookings.update(b.creditReturned(now)))
                .thenReturn(SagaNext.complete(saga.data()));
    }

    private Mono<SagaNext<Data>> refundRequested(SagaInstance<Data> saga, PaymentReplies.BookingRefundRequested reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.paymentStatus().paid())
                .flatMap(b -> bookings.update(b.refundRequested(reply.amountMinor(), now)))
                .thenReturn(SagaNext.complete(saga.data()));
    }

    private Mono<SagaNext<Data>> paymentCancelled(SagaInstance<Data> saga, PaymentReplies.BookingPaymentCancelled reply) {
        Instant now = clock.instant();
        return bookings.find(saga.data().bookingId())
                .flatMap(b -> bookings.update(b.paymentCancelled(now)))
                .thenReturn(SagaNext.complete(saga.data()));
    }

    /** The wallet never answered {@code pay} before the hold's end: the hold expires (the intent is then cancelled). */
    private Mono<Void> gaveUp(SagaInstance<Data> saga, String reason) {
        if (!PAY.equals(saga.step()) && !CONSUME_CREDIT.equals(saga.step())) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        String why = PAY.equals(saga.step()) ? PAYMENT_NOT_STARTED : CREDIT_NOT_SPENT;
        return bookings.find(saga.data().bookingId())
                .filter(b -> b.status().awaitingPayment() && !b.paymentStatus().paid())
                .flatMap(b -> bookings.update(b.expired(why, now)))
                .flatMap(b -> events.expired(b, now).then(seats.getObject().release(b, now)));
    }
}
