package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.session.teaching.domain.Attendance;
import io.coachwork.session.teaching.domain.NoShow;
import io.coachwork.session.teaching.domain.NoShowPolicy;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.domain.TeachingStatus;
import io.coachwork.session.teaching.domain.TeachingTimes;
import io.coachwork.session.teaching.messaging.TeachingEvents;
import io.coachwork.session.teaching.persistence.AttendanceRepository;
import io.coachwork.session.teaching.persistence.TeachingSessionRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The teaching-session clock: the "starting" notice a few minutes before the start (once), tutor
 * and student no-shows, and auto-completion past the end plus the grace ({@link NoShowPolicy}).
 * Sessions are claimed with {@code FOR UPDATE SKIP LOCKED} in batches read whole before anything is
 * written, and the notice is marked sent by a conditional update, so replicas running the job
 * together never act twice and a second run changes nothing.
 */
@Component
public class TeachingJobs {

    private static final Logger log = LoggerFactory.getLogger(TeachingJobs.class);
    private static final int BATCH = 100;
    private static final UUID FIRST = new UUID(0, 0);

    private final TeachingSessionRepository sessions;
    private final AttendanceRepository attendance;
    private final TeachingSessionService lifecycle;
    private final TeachingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final TeachingTimes times;

    public TeachingJobs(TeachingSessionRepository sessions, AttendanceRepository attendance,
                        TeachingSessionService lifecycle, TeachingEvents events, TransactionalOperator tx, Clock clock,
                        TeachingProperties properties) {
        this.sessions = sessions;
        this.attendance = attendance;
        this.lifecycle = lifecycle;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.times = properties.times();
    }

    public record TeachingJobReport(int startingSent, int tutorNoShows, int studentNoShows, int completed) {

        TeachingJobReport plus(TeachingJobReport o) {
            return new TeachingJobReport(startingSent + o.startingSent, tutorNoShows + o.tutorNoShows,
                    studentNoShows + o.studentNoShows, completed + o.completed);
        }
    }

    private static final TeachingJobReport NOTHING = new TeachingJobReport(0, 0, 0, 0);

    private record Batch(int size, UUID lastId, TeachingJobReport report) {
    }

    @Scheduled(cron = "${coachwork.teaching.jobs-cron:0 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "teaching-session job run", run(),
                r -> log.debug("teaching sessions: {} starting notices, {} tutor no-shows, {} student no-shows, {} "
                        + "auto-completed", r.startingSent(), r.tutorNoShows(), r.studentNoShows(), r.completed()));
    }

    public Mono<TeachingJobReport> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Mono<TeachingJobReport> closing = closeBatch(now, FIRST)
                .expand(b -> b.size() == BATCH ? closeBatch(now, b.lastId()) : Mono.empty())
                .map(Batch::report)
                .reduce(NOTHING, TeachingJobReport::plus);
        return closing.flatMap(closed -> starting(now).map(closed::plus));
    }

    /** Past-deadline sessions, one batch per transaction. */
    private Mono<Batch> closeBatch(Instant now, UUID afterId) {
        return tx.transactional(sessions.claimPastDeadline(now, now.minus(times.tutorNoShowAfter()), afterId, BATCH)
                        .flatMap(claimed -> Flux.fromIterable(claimed)
                                .concatMap(s -> closeIfDue(s, now))
                                .collectList()
                                .map(outcomes -> new Batch(claimed.size(),
                                        claimed.isEmpty() ? afterId : claimed.get(claimed.size() - 1).id(),
                                        tally(outcomes)))));
    }

    private Mono<Optional<NoShowPolicy.Outcome>> closeIfDue(TeachingSession s, Instant now) {
        return attendance.findBySession(s.id()).flatMap(rows -> {
            Optional<NoShowPolicy.Outcome> due = NoShowPolicy.due(s, Attendance.anyStudentJoined(rows, s.tutorId()),
                    now, times);
            return due.isEmpty() ? Mono.just(due) : lifecycle.close(s, due.get(), now, null).thenReturn(due);
        });
    }

    private static TeachingJobReport tally(List<Optional<NoShowPolicy.Outcome>> outcomes) {
        int tutor = 0;
        int students = 0;
        int completed = 0;
        for (Optional<NoShowPolicy.Outcome> o : outcomes) {
            if (o.isEmpty()) {
                continue;
            }
            if (o.get().status() == TeachingStatus.COMPLETED) {
                completed++;
            } else if (o.get().noShow() == NoShow.TUTOR) {
                tutor++;
            } else {
                students++;
            }
        }
        return new TeachingJobReport(0, tutor, students, completed);
    }

    /** The "starting" notice for sessions that start within the notice and have not been missed yet. */
    private Mono<TeachingJobReport> starting(Instant now) {
        Mono<Integer> batch = tx.transactional(sessions.markStartingDue(now, now.plus(times.startingNotice()),
                        now.minus(times.tutorNoShowAfter()), BATCH)
                .flatMap(due -> Flux.fromIterable(due)
                        .concatMap(s -> events.publish(EventTypes.TEACHING_SESSION_STARTING, s, null, null))
                        .then(Mono.just(due.size()))));
        return batch.expand(n -> n == BATCH ? batch : Mono.empty())
                .reduce(0, Integer::sum)
                .map(n -> new TeachingJobReport(n, 0, 0, 0));
    }
}
