package io.coachwork.wallet.payment;

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
 * Pays tutors for teaching sessions: a completed session, or one no student joined (the tutor was
 * there, so is paid), releases each booked participant's payment. A session the tutor missed pays
 * nothing (scheduling refunds the students). Releases are once per booking, so a repeated or late
 * event changes nothing.
 */
@Component
public class TeachingEarningsHandler implements EventHandler {

    static final String STUDENTS_MISSED = "STUDENTS";
    static final String BOOKED = "BOOKED";

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
        boolean completed = EventTypes.TEACHING_SESSION_COMPLETED.equals(event.type());
        if (!completed && !EventTypes.TEACHING_SESSION_NO_SHOW.equals(event.type())) {
            return Mono.empty();
        }
        TeachingSessionEvent session = codec.data(event, TeachingSessionEvent.class);
        if (!completed && !STUDENTS_MISSED.equals(session.noShow())) {
            return Mono.empty();
        }
        return Flux.fromIterable(session.participants() == null ? List.of() : session.participants())
                .filter(p -> BOOKED.equals(p.status()) && p.bookingId() != null && !p.bookingId().isBlank())
                .concatMap(p -> payments.sessionCompleted(p.bookingId(), session.tutorId(), session.sessionId()))
                .then();
    }
}
