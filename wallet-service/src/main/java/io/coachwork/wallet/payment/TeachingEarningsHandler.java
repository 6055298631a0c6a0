package io.coachwork.wallet.payment;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays tutors for card-paid teaching sessions: each {@link EarnedBookings earned booking}'s payment is
 * released. Releases are once per booking, so a repeated or late event changes nothing.
 */
@Component
public class TeachingEarningsHandler implements EventHandler {

    private final BookingPayments payments;
    private final EventCodec codec;

    public TeachingEarningsHandler(BookingPayments payments, EventCodec codec) {
        this.payments = payments;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "teaching-earnings";
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
                .concatMap(booking -> payments.sessionCompleted(booking, session.tutorId(), session.sessionId()))
                .then();
    }
}
