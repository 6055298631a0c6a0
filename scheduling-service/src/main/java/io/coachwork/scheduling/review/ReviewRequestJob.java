package io.coachwork.scheduling.review;

import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 001's daily review requests: every participant of a completed session who has not reviewed it
 * is asked once (a {@code review.requested} event for notification-service; the pair is marked asked
 * in the same transaction). Cancelled and no-show sessions are never reviewable, so never asked.
 * Sessions completed more than {@link #WINDOW} ago are not asked any more: a late job run should
 * not send requests for old lessons. Batches are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
public class ReviewRequestJob {

    private static final Logger log = LoggerFactory.getLogger(ReviewRequestJob.class);
    static final int BATCH = 200;
    static final Duration WINDOW = Duration.ofDays(30);

    private final ReviewRepository reviews;
    private final ReviewEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ReviewRequestJob(ReviewRepository reviews, ReviewEvents events, TransactionalOperator tx, Clock clock) {
        this.reviews = reviews;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public record ReviewRequestReport(int reviewsRequested) {
    }

    @Scheduled(cron = "${coachwork.reviews.request-cron:0 0 10 * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "review requests", run(),
                r -> log.info("review requests: {} participants asked", r.reviewsRequested()));
    }

    public Mono<ReviewRequestReport> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return batch(now)
                .expand(n -> n == BATCH ? batch(now) : Mono.empty())
                .reduce(0, Integer::sum)
                .map(ReviewRequestReport::new);
    }

    /** One batch in one transaction: claim (rows collected first), then mark and announce each. */
    private Mono<Integer> batch(Instant now) {
        return tx.transactional(reviews.claimUnrequested(now, now.minus(WINDOW), BATCH)
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .concatMap(r -> reviews.markRequested(r, now).then(events.requested(r, now)))
                        .then(Mono.just(claimed.size()))));
    }
}
