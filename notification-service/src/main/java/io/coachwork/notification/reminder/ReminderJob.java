package io.coachwork.notification.reminder;

import io.coachwork.notification.dispatch.Dispatcher;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the reminders that have come due, of every {@link ReminderSource} (coaching and teaching
 * sessions). Runs every few minutes and on demand; each batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and marked processed in the same transaction as the notifications
 * it creates, so replicas share the work and every reminder goes out once.
 */
@Component
public class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final int BATCH = 50;

    private final List<ReminderSource<?>> sources;
    private final Dispatcher dispatcher;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ReminderJob(List<ReminderSource<?>> sources, Dispatcher dispatcher, TransactionalOperator tx, Clock clock) {
        this.sources = List.copyOf(sources);
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * {@code sent}: reminders that went out; {@code skipped}: stale ones (a closer reminder was due, or
     * the start had passed) and ones nobody was left to receive.
     */
    public record Report(int sent, int skipped) {

        Report plus(Report other) {
            return new Report(sent + other.sent, skipped + other.skipped);
        }
    }

    @Scheduled(fixedDelayString = "${coachwork.notifications.reminders.interval:PT5M}",
            initialDelayString = "${coachwork.notifications.reminders.initial-delay:PT1M}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "reminder run", run(), r -> {
            if (r.sent() + r.skipped() > 0) {
                log.info("reminders: {} sent, {} skipped as stale", r.sent(), r.skipped());
            }
        });
    }

    public Mono<Report> run() {
        Instant now = clock.instant();
        return Flux.fromIterable(sources)
                .concatMap(source -> run(source, now))
                .reduce(new Report(0, 0), Report::plus);
    }

    private <S> Mono<Report> run(ReminderSource<S> source, Instant now) {
        return batch(source, now)
                .expand(b -> b.size() == BATCH ? batch(source, now) : Mono.empty())
                .map(Batch::report)
                .reduce(new Report(0, 0), Report::plus);
    }

    private record Batch(int size, Report report) {
    }

    private enum Outcome { SENT, SKIPPED, LEFT }

    private <S> Mono<Batch> batch(ReminderSource<S> source, Instant now) {
        return tx.transactional(source.claimDue(now, BATCH)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(due -> process(source, due, now))
                        .collectList())
                .map(outcomes -> new Batch(outcomes.size(), new Report(
                        (int) outcomes.stream().filter(Outcome.SENT::equals).count(),
                        (int) outcomes.stream().filter(Outcome.SKIPPED::equals).count())));
    }

    private <S> Mono<Outcome> process(ReminderSource<S> source, ReminderSource.Due<S> due, Instant now) {
        return switch (ReminderRules.decide(due.kind(), due.sessionStart(), now)) {
            case SEND -> {
                List<Notice> notices = source.notices(due, now);
                yield notices.isEmpty()
                        ? source.markProcessed(due, "skipped", now).thenReturn(Outcome.SKIPPED)
                        : dispatcher.dispatch(notices).then(source.markProcessed(due, "sent", now)).thenReturn(Outcome.SENT);
            }
            case STALE -> source.markProcessed(due, "skipped", now).thenReturn(Outcome.SKIPPED);
            // Claimed rows are due by construction; should one not be, it stays for a later run.
            case NOT_DUE -> Mono.just(Outcome.LEFT);
        };
    }
}
