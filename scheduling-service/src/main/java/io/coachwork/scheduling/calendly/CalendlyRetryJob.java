package io.coachwork.scheduling.calendly;

import io.coachwork.platform.jobs.ScheduledRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Retries Calendly deliveries whose apply failed, with backoff, until they apply or run out of attempts
 * (then they are dead letters an admin replays). Each batch is leased ({@code FOR UPDATE SKIP LOCKED},
 * then a lease time), so replicas never attempt one delivery at once.
 */
@Component
public class CalendlyRetryJob {

    private static final Logger log = LoggerFactory.getLogger(CalendlyRetryJob.class);
    static final int BATCH = 100;

    private final CalendlyDeliveries deliveries;

    public CalendlyRetryJob(CalendlyDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    public record Report(int deliveriesAttempted) {
    }

    @Scheduled(cron = "${coachwork.calendly.retry-cron:0 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "calendly retries", run(), r -> {
            if (r.deliveriesAttempted() > 0) {
                log.info("calendly retries: {} deliveries attempted", r.deliveriesAttempted());
            }
        });
    }

    public Mono<Report> run() {
        return deliveries.retryDue(BATCH)
                .expand(n -> n == BATCH ? deliveries.retryDue(BATCH) : Mono.empty())
                .reduce(0, Integer::sum)
                .map(Report::new);
    }
}
