package io.coachwork.session.saga;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.session.coaching.SessionProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sends again, with the same sagaId, every command that got no reply within
 * {@code coachwork.sessions.saga-resend-after} (wallet-service answers a repeat with its first
 * reply). Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work.
 */
@Component
public class SagaResendJob {

    private static final Logger log = LoggerFactory.getLogger(SagaResendJob.class);
    private static final int BATCH = 100;

    private final SagaRepository steps;
    private final WalletSaga saga;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final SessionProperties properties;

    public SagaResendJob(SagaRepository steps, WalletSaga saga, TransactionalOperator tx, Clock clock,
                         SessionProperties properties) {
        this.steps = steps;
        this.saga = saga;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    public record Report(long resent) {
    }

    @Scheduled(cron = "${coachwork.sessions.saga-resend-cron:30 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "saga resend run", run(), r -> {
            if (r.resent() > 0) {
                log.warn("resent {} unanswered wallet command(s)", r.resent());
            }
        });
    }

    public Mono<Report> run() {
        Instant sentBefore = clock.instant().minus(properties.sagaResendAfter());
        // A resent step is stamped with a newer send time, so the next batch no longer sees it.
        return batch(sentBefore)
                .expand(n -> n == BATCH ? batch(sentBefore) : Mono.empty())
                .reduce(0L, Long::sum)
                .map(Report::new);
    }

    private Mono<Long> batch(Instant sentBefore) {
        return tx.transactional(steps.claimUnanswered(sentBefore, BATCH)
                .concatMap(step -> saga.resend(step).thenReturn(step))
                .count());
    }
}
