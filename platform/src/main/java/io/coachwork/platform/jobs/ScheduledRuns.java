package io.coachwork.platform.jobs;

import java.util.function.Consumer;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/**
 * How a scheduled pass ends: its report is logged, and a failure is logged and swallowed, because
 * the next pass picks up whatever this one left (work is claimed in the database, not in memory).
 */
public final class ScheduledRuns {

    private ScheduledRuns() {
    }

    public static <T> Mono<Void> logged(Logger log, String job, Mono<T> run, Consumer<T> onReport) {
        return run.doOnNext(onReport)
                .onErrorResume(e -> {
                    log.error("{} failed; the next run picks up where it stopped", job, e);
                    return Mono.empty();
                })
                .then();
    }
}
