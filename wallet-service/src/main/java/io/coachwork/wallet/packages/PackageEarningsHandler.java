package io.coachwork.wallet.packages;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.wallet.payment.EarnedBookings;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays tutors for sessions booked with a package credit, on the same facts as card-paid bookings: each
 * {@link EarnedBookings earned booking}'s credit share is released. A booking paid by card has no credit
 * and is left to the booking-payment handler.
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
        if (!EarnedBookings.mayEarn(event.type())) {
            return Mono.empty();
        }
        TeachingSessionEvent session = codec.data(event, TeachingSessionEvent.class);
        return Flux.fromIterable(EarnedBookings.of(event.type(), session))
                .concatMap(booking -> purchases.sessionCompleted(booking, session.tutorId(), session.sessionId()))
                .then();
    }
}
