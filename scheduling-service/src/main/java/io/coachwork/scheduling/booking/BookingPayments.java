package io.coachwork.scheduling.booking;

import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.booking.domain.BookingStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What Stripe's webhooks say about a booking's payment, as wallet-service relays them to the booking
 * saga's id: applied to the booking (locked first, then the saga) in the reply's inbox transaction.
 * Each is idempotent by the booking's payment state, so a repeat or a late out-of-order one (failed
 * after succeeded) changes nothing.
 */
@Component
public class BookingPayments {

    private static final Logger log = LoggerFactory.getLogger(BookingPayments.class);
    static final String PAID_AFTER_HOLD = "Your payment arrived after your hold on this session had ended; it is refunded in full";

    private final BookingRepository bookings;
    private final BookingSaga saga;
    private final BookingEvents events;
    private final Seats seats;
    private final Clock clock;

    public BookingPayments(BookingRepository bookings, BookingSaga saga, BookingEvents events, Seats seats, Clock clock) {
        this.bookings = bookings;
        this.saga = saga;
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    /** Paid: confirmed through session-service while the hold stands; refunded in full when it came too late. */
    public Mono<Void> succeeded(PaymentReplies.BookingPaymentSucceeded reply) {
        Instant now = clock.instant();
        return locked(reply.bookingId(), reply.sagaId()).flatMap(b -> {
            if (b.paymentStatus().paid()) {
                return Mono.empty();
            }
            if (b.holdLive(now)) {
                return bookings.update(b.paid(now)).flatMap(paid -> saga.next(paid, BookingSaga.ADD_PARTICIPANT, d -> d));
            }
            Mono<Booking> ended = b.status().awaitingPayment()
                    ? bookings.update(b.expired(PAID_AFTER_HOLD, now)).flatMap(e -> seats.release(e, now).thenReturn(e))
                    : Mono.just(b);
            return ended.flatMap(e -> bookings.update(e.paidTooLate(PAID_AFTER_HOLD, now)))
                    .flatMap(late -> ended(late, now).then(saga.refund(late, late.priceMinor(), PAID_AFTER_HOLD, false)));
        });
    }

    /** Failed (or the intent was cancelled by Stripe): the hold ends, its seat is freed and the intent cancelled. */
    public Mono<Void> failed(PaymentReplies.BookingPaymentFailed reply) {
        Instant now = clock.instant();
        String reason = reply.reason() == null ? "The payment failed" : reply.reason();
        return locked(reply.bookingId(), reply.sagaId())
                .filter(b -> b.status().awaitingPayment() && !b.paymentStatus().paid())
                .flatMap(b -> bookings.update(b.paymentFailed(reason, now)))
                .flatMap(b -> events.paymentFailed(b, now)
                        .then(seats.release(b, now))
                        .then(saga.cancelPayment(b, reason)));
    }

    /** Stripe confirmed a refund: the payment reads REFUNDED (or PARTIALLY_REFUNDED) only now. */
    public Mono<Void> refunded(PaymentReplies.BookingPaymentRefunded reply) {
        Instant now = clock.instant();
        return locked(reply.bookingId(), reply.sagaId())
                .filter(b -> b.paymentStatus().paid())
                .flatMap(b -> {
                    Booking next = b.refunded(reply.refundedTotalMinor(), now);
                    if (next.paymentStatus() == b.paymentStatus() && next.refundedMinor() == b.refundedMinor()) {
                        return Mono.empty();
                    }
                    return bookings.update(next).flatMap(r -> events.refunded(r, now));
                });
    }

    /** The booking the reply is about, locked; a reply naming another saga than the booking's is ignored. */
    private Mono<Booking> locked(String bookingId, String sagaId) {
        UUID id = uuid(bookingId);
        if (id == null) {
            log.warn("payment reply for booking {} ignored: not a booking id", bookingId);
            return Mono.empty();
        }
        return bookings.lock(id)
                .filter(b -> {
                    boolean ours = b.sagaId() != null && b.sagaId().toString().equals(sagaId);
                    if (!ours) {
                        log.warn("payment reply for booking {} names saga {}, not the booking's; ignored", id, sagaId);
                    }
                    return ours;
                });
    }

    /** Tells the student why an ended booking's late payment is refunded. */
    private Mono<Void> ended(Booking b, Instant now) {
        return b.status() == BookingStatus.CANCELLED ? events.cancelled(b, now) : events.expired(b, now);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
