package io.coachwork.scheduling.statistics;

import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
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
 * Seed 001's automated earnings reports, daily: every closed week and month in which a tutor had
 * earnings released since its last statement (last week and last month on a normal day; an older
 * period again when a late earning arrived) gets a statement, or a new version of it. Each period is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and handled in its own transaction, so replicas share
 * the work and never make the same statement twice.
 */
@Component
public class StatementJob {

    private static final Logger log = LoggerFactory.getLogger(StatementJob.class);
    /** Periods claimed per transaction: one, so a transaction holds one tutor's lock at a time. */
    private static final int BATCH = 1;

    private final FactRepository facts;
    private final StatementService statements;
    private final TutorZones zones;
    private final TransactionalOperator tx;
    private final Clock clock;

    public StatementJob(FactRepository facts, StatementService statements, TutorZones zones, TransactionalOperator tx,
                        Clock clock) {
        this.facts = facts;
        this.statements = statements;
        this.zones = zones;
        this.tx = tx;
        this.clock = clock;
    }

    public record Report(int periodsChecked, int statementsCreated) {

        Report plus(Report o) {
            return new Report(periodsChecked + o.periodsChecked, statementsCreated + o.statementsCreated);
        }
    }

    @Scheduled(cron = "${coachwork.statements.cron:0 30 3 * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "earnings statements", run(), r -> log.info(
                "earnings statements: {} periods checked, {} statements created", r.periodsChecked(), r.statementsCreated()));
    }

    public Mono<Report> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return next(now)
                .expand(r -> r.periodsChecked() == BATCH ? next(now) : Mono.empty())
                .reduce(new Report(0, 0), Report::plus);
    }

    /** One due period: claimed, its statement made (or found unchanged), its mark cleared, in one transaction. */
    private Mono<Report> next(Instant now) {
        return tx.transactional(facts.claimDue(now, BATCH).flatMap(claimed -> claimed.isEmpty()
                ? Mono.just(new Report(0, 0))
                : Flux.fromIterable(claimed)
                        .concatMap(due -> zones.of(due.tutorId())
                                .flatMap(zone -> statements.make(due.tutorId(), due.period(), zone, now))
                                .flatMap(made -> facts.clearDue(due).thenReturn(made.created() ? 1 : 0)))
                        .reduce(0, Integer::sum)
                        .map(created -> new Report(claimed.size(), created))));
    }
}
