package io.coachwork.scheduling.review;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.scheduling.ReviewEvent;
import io.coachwork.contracts.scheduling.ReviewRequested;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.scheduling.review.domain.Review;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Review facts on the profiles topic, keyed by tutor id, appended to the outbox in the caller's transaction. */
@Component
public class ReviewEvents {

    private final OutboxWriter outbox;

    public ReviewEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> review(String type, Review r, ReviewRepository.Aggregate after, Long actorId, String reason,
                             Instant now) {
        ReviewEvent event = new ReviewEvent(r.id(), r.sessionId(), r.tutorId(), r.studentId(), r.rating(),
                r.categories().asMap(), r.comment(), r.hidden(), after.rating(), after.reviewCount(), actorId, reason, now);
        return outbox.append(Topics.SCHEDULING_PROFILES, Long.toString(r.tutorId()), type, event).then();
    }

    public Mono<Void> requested(ReviewRepository.Reviewable r, Instant now) {
        return outbox.append(Topics.SCHEDULING_PROFILES, Long.toString(r.tutorId()),
                EventTypes.REVIEW_REQUESTED,
                new ReviewRequested(r.sessionId(), r.tutorId(), r.studentId(), r.completedAt(), now)).then();
    }
}
