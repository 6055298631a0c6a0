package io.coachwork.scheduling.slots;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.scheduling.events.SchedulingEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 002's daily cleanup: deletes slots dated before the tutor's today that nobody booked, and
 * keeps booked ones for history. Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas running it at once never delete (or announce) a slot twice.
 */
@Component
public class SlotCleanupJob {

    private static final Logger log = LoggerFactory.getLogger(SlotCleanupJob.class);
    static final int BATCH = 200;

    private final SlotRepository slots;
    private final SchedulingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public SlotCleanupJob(SlotRepository slots, SchedulingEvents events, TransactionalOperator tx, Clock clock) {
        this.slots = slots;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public record Report(int slotsDeleted) {
    }

    @Scheduled(cron = "${coachwork.scheduling.slot-cleanup-cron:0 0 2 * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "slot cleanup", run(), r -> log.info("slot cleanup: {} past unbooked slots deleted",
                r.slotsDeleted()));
    }

    public Mono<Report> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return batch(now)
                .expand(n -> n == BATCH ? batch(now) : Mono.empty())
                .reduce(0, Integer::sum)
                .map(Report::new);
    }

    /** One batch in one transaction: claim (rows collected first), then delete and announce. */
    private Mono<Integer> batch(Instant now) {
        return tx.transactional(slots.claimPastUnbooked(now, BATCH).collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : slots.deleteAll(ids(claimed))
                        .thenMany(Flux.fromIterable(claimed).concatMap(s -> events.slot(EventTypes.SLOT_DELETED, s.event(now))))
                        .then(Mono.just(claimed.size()))));
    }

    private static List<Long> ids(List<StoredSlot> claimed) {
        return claimed.stream().map(StoredSlot::id).toList();
    }
}
