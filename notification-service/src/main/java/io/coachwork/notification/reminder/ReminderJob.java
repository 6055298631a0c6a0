package io.coachwork.notification.reminder;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.notification.dispatch.Dispatcher;
import io.coachwork.notification.dispatch.Links;
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
 * Sends the reminders that have come due. Runs every few minutes and on demand; each batch is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and marked processed in the same transaction as the
 * notifications it creates, so replicas share the work and every reminder goes out once.
 */
@Component
public class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final int BATCH = 50;

    private final ReminderRepository reminders;
    private final Dispatcher dispatcher;
    private final TransactionalOperator tx;
    private final Links links;
    private final Clock clock;

    public ReminderJob(ReminderRepository reminders, Dispatcher dispatcher, TransactionalOperator tx, Links links,
                       Clock clock) {
        this.reminders = reminders;
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.links = links;
        this.clock = clock;
    }

    /** {@code sent}: reminders that went out; {@code skipped}: stale ones (a closer reminder was due, or the start had passed). */
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
        return batch(now)
                .expand(b -> b.size() == BATCH ? batch(now) : Mono.empty())
                .map(Batch::report)
                .reduce(new Report(0, 0), Report::plus);
    }

    private record Batch(int size, Report report) {
    }

    private Mono<Batch> batch(Instant now) {
        return tx.transactional(reminders.claimDue(now, BATCH)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(due -> process(due, now))
                        .collectList())
                .map(outcomes -> new Batch(outcomes.size(), new Report(
                        (int) outcomes.stream().filter(ReminderRules.Decision.SEND::equals).count(),
                        (int) outcomes.stream().filter(ReminderRules.Decision.STALE::equals).count())));
    }

    private Mono<ReminderRules.Decision> process(ReminderRepository.Due due, Instant now) {
        ReminderRules.Decision decision = ReminderRules.decide(due.kind(), due.sessionStart(), now);
        long sessionId = due.session().sessionId();
        return switch (decision) {
            case SEND -> dispatcher.dispatch(ReminderNotices.notices(due.session(), due.kind(), now, links))
                    .then(reminders.markProcessed(sessionId, due.kind(), "sent", now))
                    .thenReturn(decision);
            case STALE -> reminders.markProcessed(sessionId, due.kind(), "skipped", now).thenReturn(decision);
            // Claimed rows are due by construction; should one not be, it stays for a later run.
            case NOT_DUE -> Mono.just(decision);
        };
    }
}
