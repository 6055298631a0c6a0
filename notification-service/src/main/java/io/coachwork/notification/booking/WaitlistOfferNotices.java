package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.WaitlistOffer;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A seat freed in a full group slot: the first student on its waitlist is offered it (issue 9 item 4). */
@Component
public class WaitlistOfferNotices implements NoticeMapping<WaitlistOffer> {

    private final Links links;

    public WaitlistOfferNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.BOOKINGS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.BOOKING_WAITLIST_OFFERED);
    }

    @Override
    public Class<WaitlistOffer> payloadType() {
        return WaitlistOffer.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<WaitlistOffer> event) {
        return Mono.just(BookingRules.waitlistOffer(event.data(), links));
    }
}
