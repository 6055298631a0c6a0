package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.contracts.booking.WaitlistOffer;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.scheduling.booking.domain.Booking;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Every booking transition as a partner event on coachwork.bookings (key = booking id), through the outbox. */
@Component
public class BookingEvents {

    private final OutboxWriter outbox;

    public BookingEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> held(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_HELD, b, at);
    }

    public Mono<Void> confirmed(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_CONFIRMED, b, at);
    }

    public Mono<Void> cancelled(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_CANCELLED, b, at);
    }

    /** The hold expired, or (payment SUCCEEDED, reason says why) a payment came after it and is refunded. */
    public Mono<Void> expired(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_EXPIRED, b, at);
    }

    public Mono<Void> paymentFailed(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_PAYMENT_FAILED_EVENT, b, at);
    }

    public Mono<Void> refused(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_REFUSED, b, at);
    }

    public Mono<Void> refunded(Booking b, Instant at) {
        return publish(EventTypes.BOOKING_REFUNDED, b, at);
    }

    public Mono<Void> waitlistOffered(Booking b, Instant at) {
        WaitlistOffer offer = new WaitlistOffer(b.id().toString(), b.slotId(), b.tutorId(), b.studentId(), b.startsAt(),
                b.endsAt(), b.timezone(), b.priceMinor(), b.currency(), b.holdExpiresAt(), at);
        return outbox.append(Topics.BOOKINGS, b.id().toString(), EventTypes.BOOKING_WAITLIST_OFFERED, offer).then();
    }

    static BookingEvent event(Booking b, Instant at) {
        return new BookingEvent(b.id().toString(), b.teachingSessionId().toString(), b.slotId(), b.tutorId(),
                b.studentId(), b.status().name(), b.paymentStatus().name(), b.sessionType(), b.startsAt(), b.endsAt(),
                b.timezone(), b.studentTimezone(), b.priceMinor(), Math.max(b.refundMinor(), b.refundedMinor()),
                b.currency(), b.cancelledBy() == null ? null : b.cancelledBy().name(), b.reason(), b.holdExpiresAt(), at);
    }

    private Mono<Void> publish(String type, Booking b, Instant at) {
        return outbox.append(Topics.BOOKINGS, b.id().toString(), type, event(b, at)).then();
    }
}
