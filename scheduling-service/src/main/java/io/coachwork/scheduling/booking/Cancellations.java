package io.coachwork.scheduling.booking;

import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.booking.domain.CancelledBy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ending every booking of a teaching session at once, inside the caller's transaction: a tutor cancel
 * or a tutor no-show. Paid bookings are refunded in full, unpaid holds have their intent cancelled.
 */
@Component
public class Cancellations {

    private final BookingRepository bookings;
    private final WaitlistRepository waitlist;
    private final BookingSaga saga;
    private final BookingEvents events;

    public Cancellations(BookingRepository bookings, WaitlistRepository waitlist, BookingSaga saga, BookingEvents events) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.saga = saga;
        this.events = events;
    }

    /** Cancels every live booking of the session (locked here, in id order, before the slot); answers those cancelled. */
    public Mono<List<Booking>> cancelAll(UUID sessionId, long slotId, CancelledBy by, String reason, Instant now) {
        return bookings.lockSession(sessionId)
                .flatMapMany(all -> Flux.fromIterable(all).filter(b -> b.status().holdsSeat()))
                .concatMap(b -> cancel(b, by, reason, now))
                .collectList()
                .flatMap(done -> (by == CancelledBy.TUTOR
                        ? bookings.fillCancelledSlot(slotId, now).then(waitlist.closeSlot(slotId, now))
                        : Mono.<Void>empty()).thenReturn(done));
    }

    private Mono<Booking> cancel(Booking b, CancelledBy by, String reason, Instant now) {
        boolean paid = b.paymentStatus().paid();
        return bookings.update(b.cancelled(by, reason, paid ? b.priceMinor() : 0, now))
                .flatMap(c -> events.cancelled(c, now)
                        .then(paid ? saga.refund(c, c.priceMinor(), reason, false) : saga.cancelPayment(c, reason))
                        .thenReturn(c));
    }
}
