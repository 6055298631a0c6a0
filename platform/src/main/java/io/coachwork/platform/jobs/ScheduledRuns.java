package io.coachwork.platform.jobs;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/**
 * How a scheduled pass ends: its report is logged, and a failure is logged and swallowed, because
 * the next pass picks up whatever this one left (work is claimed in the database, not in memory).
 * Each pass is timed as {@code coachwork.job.runs} tagged with the job and its outcome, on the
 * global registry (Spring Boot adds its registries to it), because jobs call this statically.
 */
public final class ScheduledRuns {

    private ScheduledRuns() {
    }

    public static <T> Mono<Void> logged(Logger log, String job, Mono<T> run, Consumer<T> onReport) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(Metrics.globalRegistry);
            return run.doOnNext(onReport)
                    .then(Mono.fromRunnable(() -> sample.stop(timer(job, "success"))))
                    .onErrorResume(e -> {
                        sample.stop(timer(job, "failure"));
                        log.error("{} failed; the next run picks up where it stopped", job, e);
                        return Mono.empty();
                    })
                    .then();
        });
    }

    private static Timer timer(String job, String outcome) {
        return Timer.builder("coachwork.job.runs").description("Scheduled job passes by outcome")
                .tag("job", job).tag("outcome", outcome).register(Metrics.globalRegistry);
    }
}
