package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Booking events from scheduling-service (issue 9): confirmations, cancellations, refunds, expired
 * holds and failed payments, as {@link BookingRules} says. Holds and refusals are answered in the
 * student's own request and stay silent.
 */
@Component
public class BookingNotices implements NoticeMapping<BookingEvent> {

    private final Links links;

    public BookingNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.BOOKINGS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.BOOKING_CONFIRMED, EventTypes.BOOKING_CANCELLED, EventTypes.BOOKING_REFUNDED,
                EventTypes.BOOKING_EXPIRED, EventTypes.BOOKING_PAYMENT_FAILED_EVENT);
    }

    @Override
    public Class<BookingEvent> payloadType() {
        return BookingEvent.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<BookingEvent> event) {
        return Mono.just(BookingRules.notices(event.type(), event.data(), links));
    }
}
