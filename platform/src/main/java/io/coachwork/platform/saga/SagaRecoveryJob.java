package io.coachwork.platform.saga;

import io.coachwork.platform.jobs.ScheduledRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/** Resends due saga commands and gives up overdue steps, on every replica (claims keep them apart); cron "-" turns it off. */
public class SagaRecoveryJob {

    private static final Logger log = LoggerFactory.getLogger(SagaRecoveryJob.class);

    private final SagaEngine engine;

    public SagaRecoveryJob(SagaEngine engine) {
        this.engine = engine;
    }

    @Scheduled(cron = "${coachwork.sagas.recovery-cron:*/10 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "saga recovery run", engine.recover(), r -> {
            if (r.resent() + r.gaveUp() > 0) {
                log.warn("sagas: resent {} unanswered command(s), gave up {} step(s)", r.resent(), r.gaveUp());
            }
        });
    }
}
