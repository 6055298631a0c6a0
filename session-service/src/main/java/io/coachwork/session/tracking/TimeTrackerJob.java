package io.coachwork.session.tracking;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.session.coaching.CoachingSession;
import io.coachwork.session.coaching.CoachingSessionRepository;
import io.coachwork.session.coaching.CoachingSessionService;
import io.coachwork.session.coaching.ParticipantRepository;
import io.coachwork.session.coaching.SessionEvents;
import io.coachwork.session.coaching.SessionTimes;
import io.coachwork.session.settings.CoachingSettings;
import io.coachwork.session.settings.CoachingSettingsService;
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
 * Seed 000's {@code trackActiveSessions}: for active sessions near their end, sends the time
 * warnings (each once) and, when auto-end is on, ends them at their end time, settling hours as a
 * manual end does. Only sessions within the warning horizon are read; they are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas running it together never act twice; each batch is
 * read whole before anything is written on its transaction's connection.
 */
@Component
public class TimeTrackerJob {

    private static final Logger log = LoggerFactory.getLogger(TimeTrackerJob.class);
    private static final int BATCH = 100;

    private final CoachingSessionRepository sessions;
    private final ParticipantRepository participants;
    private final CoachingSessionService lifecycle;
    private final WarningRepository warnings;
    private final SessionEvents events;
    private final CoachingSettingsService settings;
    private final TransactionalOperator tx;
    private final Clock clock;

    public TimeTrackerJob(CoachingSessionRepository sessions, ParticipantRepository participants,
                          CoachingSessionService lifecycle, WarningRepository warnings, SessionEvents events,
                          CoachingSettingsService settings, TransactionalOperator tx, Clock clock) {
        this.sessions = sessions;
        this.participants = participants;
        this.lifecycle = lifecycle;
        this.warnings = warnings;
        this.events = events;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** {@code sessionsExpired}: scheduled sessions never started by their end time, cancelled and released. */
    public record Report(int warningsSent, int sessionsEnded, int sessionsExpired) {

        Report plus(Report other) {
            return new Report(warningsSent + other.warningsSent, sessionsEnded + other.sessionsEnded,
                    sessionsExpired + other.sessionsExpired);
        }
    }

    private enum Outcome { WARNED, ENDED, NOTHING }

    private record Batch(int size, long lastId, Report report) {
    }

    private record Tracked(long id, Outcome outcome) {
    }

    @Scheduled(cron = "${coachwork.sessions.time-tracker-cron:0 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "time tracker run", run(),
                r -> log.debug("time tracker: {} warnings, {} auto-ended, {} expired unstarted", r.warningsSent(),
                        r.sessionsEnded(), r.sessionsExpired()));
    }

    public Mono<Report> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return settings.current().flatMap(cfg -> {
            int widest = SessionTimes.warningPoints(cfg.warningThresholdMinutes()).get(0);
            Instant horizon = now.plus(Duration.ofMinutes(widest));
            Mono<Report> active = batch(now, horizon, cfg, 0)
                    .expand(b -> b.size() == BATCH ? batch(now, horizon, cfg, b.lastId()) : Mono.empty())
                    .map(Batch::report)
                    .reduce(new Report(0, 0, 0), Report::plus);
            Mono<Report> unstarted = expireBatch(now, 0)
                    .expand(b -> b.size() == BATCH ? expireBatch(now, b.lastId()) : Mono.empty())
                    .map(Batch::report)
                    .reduce(new Report(0, 0, 0), Report::plus);
            return active.flatMap(a -> unstarted.map(a::plus));
        });
    }

    /** A session nobody started by its end time will not run: its hold goes back to the tutor. */
    private Mono<Batch> expireBatch(Instant now, long afterId) {
        return tx.transactional(sessions.claimScheduledEndedBefore(now, afterId, BATCH)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(s -> lifecycle.cancelLocked(s, now, SessionEvents.NOT_STARTED))
                        .map(CoachingSession::id)
                        .collectList())
                .map(ids -> new Batch(ids.size(), ids.isEmpty() ? afterId : ids.get(ids.size() - 1), new Report(0, 0, ids.size())));
    }

    private Mono<Batch> batch(Instant now, Instant horizon, CoachingSettings cfg, long afterId) {
        return tx.transactional(sessions.claimActiveEndingBefore(horizon, afterId, BATCH)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(s -> track(s, now, cfg).map(outcome -> new Tracked(s.id(), outcome)))
                        .collectList())
                .map(tracked -> new Batch(tracked.size(), tracked.isEmpty() ? afterId : tracked.get(tracked.size() - 1).id(),
                        new Report((int) tracked.stream().filter(t -> t.outcome() == Outcome.WARNED).count(),
                                (int) tracked.stream().filter(t -> t.outcome() == Outcome.ENDED).count(), 0)));
    }

    private Mono<Outcome> track(CoachingSession session, Instant now, CoachingSettings cfg) {
        if (SessionTimes.autoEndDue(session.endTime(), now, cfg.autoEndEnabled())) {
            // The booked window is what ran: the session ends at its end time, whenever the job gets to it.
            return lifecycle.finish(session, session.endTime(), now, SessionEvents.AUTO_END).thenReturn(Outcome.ENDED);
        }
        return warnings.sentPoints(session.id())
                .flatMap(sent -> SessionTimes.dueWarning(session.endTime(), now, cfg.warningThresholdMinutes(), sent)
                        .map(warning -> warnings.record(session.id(), warning.point(), now)
                                .flatMap(first -> first ? participants.studentIds(session.id())
                                        .flatMap(ids -> events.timeWarning(session, ids, warning.minutesLeft()))
                                        .thenReturn(Outcome.WARNED) : Mono.just(Outcome.NOTHING)))
                        .orElse(Mono.just(Outcome.NOTHING)));
    }
}
