package io.coachwork.scheduling.booking;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.scheduling.booking.domain.CancelledBy;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Session-service's teaching-session events: a tutor no-show (the tutor never started) refunds every
 * booked student in full. Repeats change nothing (the bookings are no longer live).
 */
@Component
public class TeachingSessionsHandler implements EventHandler {

    static final String TUTOR_NO_SHOW = "The tutor did not start the session; you are refunded in full";

    private final Cancellations cancellations;
    private final EventCodec codec;
    private final Clock clock;

    public TeachingSessionsHandler(Cancellations cancellations, EventCodec codec, Clock clock) {
        this.cancellations = cancellations;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduling-teaching-sessions";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TEACHING_SESSIONS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!EventTypes.TEACHING_SESSION_NO_SHOW.equals(event.type())) {
            return Mono.empty();
        }
        TeachingSessionEvent session = codec.data(event, TeachingSessionEvent.class);
        UUID id = uuid(session.sessionId());
        if (!"TUTOR".equals(session.noShow()) || id == null) {
            return Mono.empty();
        }
        return cancellations.cancelAll(id, session.slotId(), CancelledBy.SYSTEM, TUTOR_NO_SHOW, clock.instant()).then();
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
