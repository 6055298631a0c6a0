package io.coachwork.wallet.packages;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays tutors for sessions booked with a package credit, on the same facts as card-paid bookings: a
 * completed session, or one no student joined, releases each booked participant's credit share. A
 * booking paid by card has no credit and is left to the booking-payment handler.
 */
@Component
public class PackageEarningsHandler implements EventHandler {

    private final PackagePurchases purchases;
    private final EventCodec codec;

    public PackageEarningsHandler(PackagePurchases purchases, EventCodec codec) {
        this.purchases = purchases;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "package-earnings";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TEACHING_SESSIONS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        boolean completed = EventTypes.TEACHING_SESSION_COMPLETED.equals(event.type());
        if (!completed && !EventTypes.TEACHING_SESSION_NO_SHOW.equals(event.type())) {
            return Mono.empty();
        }
        TeachingSessionEvent session = codec.data(event, TeachingSessionEvent.class);
        if (!completed && !"STUDENTS".equals(session.noShow())) {
            return Mono.empty();
        }
        return Flux.fromIterable(session.participants() == null ? List.of() : session.participants())
                .filter(p -> "BOOKED".equals(p.status()) && p.bookingId() != null && !p.bookingId().isBlank())
                .concatMap(p -> purchases.sessionCompleted(p.bookingId(), session.tutorId(), session.sessionId()))
                .then();
    }
}
