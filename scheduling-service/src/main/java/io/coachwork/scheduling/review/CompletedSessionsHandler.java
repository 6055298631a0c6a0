package io.coachwork.scheduling.review;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.scheduling.review.domain.Reviewers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps who may review what: each COMPLETED teaching session makes its attending booked students
 * reviewers. Its own consumer group (apart from the booking package's handler of the same topic);
 * the inbox drops a redelivered event and the pair's key drops a second completion.
 */
@Component
public class CompletedSessionsHandler implements EventHandler {

    private final ReviewRepository reviews;
    private final EventCodec codec;
    private final Clock clock;

    public CompletedSessionsHandler(ReviewRepository reviews, EventCodec codec, Clock clock) {
        this.reviews = reviews;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduling-reviewable-sessions";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TEACHING_SESSIONS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!EventTypes.TEACHING_SESSION_COMPLETED.equals(event.type())) {
            return Mono.empty();
        }
        TeachingSessionEvent session = codec.data(event, TeachingSessionEvent.class);
        if (session.sessionId() == null || session.sessionId().isBlank() || session.sessionId().length() > 64) {
            return Mono.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant completedAt = session.occurredAt() != null ? session.occurredAt()
                : session.endsAt() != null ? session.endsAt() : now;
        return Flux.fromIterable(Reviewers.of(session))
                .concatMap(student -> reviews.addReviewable(new ReviewRepository.Reviewable(session.sessionId(), student,
                        session.tutorId(), completedAt), now))
                .then();
    }
}
