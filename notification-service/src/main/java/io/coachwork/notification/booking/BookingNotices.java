package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.inbox.InboxRepository;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Booking events from scheduling-service (issue 9): confirmations, cancellations, refunds, expired
 * holds and failed payments, as {@link BookingRules} says. Holds and refusals are answered in the
 * student's own request and stay silent. Whether a cancelled booking had been confirmed is read
 * from the tutor's inbox, the record of what they were told (a booking's events arrive in order).
 */
@Component
public class BookingNotices implements NoticeMapping<BookingEvent> {

    private final InboxRepository inbox;
    private final Links links;

    public BookingNotices(InboxRepository inbox, Links links) {
        this.inbox = inbox;
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
        Mono<Boolean> tutorTold = EventTypes.BOOKING_CANCELLED.equals(event.type())
                ? inbox.exists(BookingRules.tutorConfirmationKey(event.data())) : Mono.just(false);
        return tutorTold.map(told -> BookingRules.notices(event.type(), event.data(), told, links));
    }
}
