package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.web.ApiException;
import io.coachwork.session.teaching.domain.Attendance;
import io.coachwork.session.teaching.domain.AttendanceRow;
import io.coachwork.session.teaching.domain.NoShowPolicy;
import io.coachwork.session.teaching.domain.SessionType;
import io.coachwork.session.teaching.domain.TeachingRules;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.domain.TeachingStatus;
import io.coachwork.session.teaching.domain.TeachingTimes;
import io.coachwork.session.teaching.messaging.TeachingEvents;
import io.coachwork.session.teaching.persistence.AttendanceRepository;
import io.coachwork.session.teaching.persistence.TeachingParticipantRepository;
import io.coachwork.session.teaching.persistence.TeachingSessionRepository;
import io.coachwork.session.video.VideoTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Seed 002 §4's lifecycle as the tutor and the students drive it: details, start, complete, join
 * and leave. Every change locks the session row and commits with its event.
 */
@Service
public class TeachingSessionService {

    public static final String VIDEO_NOT_CONFIGURED = "Video is not configured";
    private static final Duration LOCK_RETRY_BACKOFF = Duration.ofMillis(20);

    private final TeachingAccess access;
    private final TeachingSessionRepository sessions;
    private final TeachingParticipantRepository participants;
    private final AttendanceRepository attendance;
    private final TeachingEvents events;
    private final ObjectProvider<VideoTokens> video;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final TeachingTimes times;

    public TeachingSessionService(TeachingAccess access, TeachingSessionRepository sessions,
                                  TeachingParticipantRepository participants, AttendanceRepository attendance,
                                  TeachingEvents events, ObjectProvider<VideoTokens> video, TransactionalOperator tx,
                                  Clock clock, TeachingProperties properties) {
        this.access = access;
        this.sessions = sessions;
        this.participants = participants;
        this.attendance = attendance;
        this.events = events;
        this.video = video;
        this.tx = tx;
        this.clock = clock;
        this.times = properties.times();
    }

    public Mono<TeachingViews.TeachingSessionView> detail(String id, long userId) {
        return access.read(id, userId).flatMap(seen -> view(seen, userId, now()));
    }

    public Mono<TeachingViews.TeachingSessionView> start(String id, long userId) {
        Instant now = now();
        return inTransaction(access.lock(id, userId).flatMap(seen -> TeachingAccess.rule(() -> {
            TeachingAccess.tutorOnly(seen, "start");
            TeachingRules.checkStart(seen.session(), now, times);
            return seen.session().started(now);
        }).flatMap(sessions::update)
                .flatMap(s -> events.publish(EventTypes.TEACHING_SESSION_STARTED, s, userId, null)
                        .then(view(new TeachingAccess.Seen(s, true), userId, now)))));
    }

    public Mono<TeachingViews.TeachingSessionView> complete(String id, long userId) {
        Instant now = now();
        return inTransaction(access.lock(id, userId).flatMap(seen -> attendance.findBySession(seen.session().id())
                .flatMap(rows -> TeachingAccess.rule(() -> {
                    TeachingAccess.tutorOnly(seen, "complete");
                    return NoShowPolicy.onTutorComplete(seen.session(),
                            Attendance.anyStudentJoined(rows, seen.session().tutorId()), now);
                }))
                .flatMap(outcome -> close(seen.session(), outcome, now, userId))
                .flatMap(s -> view(new TeachingAccess.Seen(s, true), userId, now))));
    }

    /**
     * Closes a running or unstarted session locked by the caller's transaction as the policy decided:
     * everyone still in the call leaves at its close, and the outcome is announced.
     */
    public Mono<TeachingSession> close(TeachingSession s, NoShowPolicy.Outcome outcome, Instant now, Long actorId) {
        TeachingSession closed = outcome.status() == TeachingStatus.COMPLETED ? s.completed(outcome.at(), now)
                : s.noShow(outcome.noShow(), outcome.at(), now);
        String type = outcome.status() == TeachingStatus.COMPLETED ? EventTypes.TEACHING_SESSION_COMPLETED
                : EventTypes.TEACHING_SESSION_NO_SHOW;
        return attendance.closeAll(s.id(), outcome.at()).then(sessions.update(closed))
                .then(events.publish(type, closed, actorId, null)).thenReturn(closed);
    }

    /**
     * Seed 002 §4.2: a video token for the running session's call and a join row. The tutor
     * publishes; students subscribe, except in ONE_TO_ONE where the student publishes too. A join
     * while an earlier one is still open (a dropped connection) closes that one first.
     */
    public Mono<TeachingViews.TeachingJoin> join(String id, long userId) {
        Instant now = now();
        return inTransaction(access.lock(id, userId).flatMap(seen -> TeachingAccess.rule(() -> {
            TeachingRules.checkJoin(seen.session());
            return seen;
        })).flatMap(seen -> {
            VideoTokens tokens = video.getIfAvailable();
            if (tokens == null || !tokens.configured()) {
                return Mono.error(ApiException.unavailable(VIDEO_NOT_CONFIGURED));
            }
            TeachingSession s = seen.session();
            VideoTokens.Role role = seen.tutor() || s.type() == SessionType.ONE_TO_ONE
                    ? VideoTokens.Role.PUBLISHER : VideoTokens.Role.SUBSCRIBER;
            VideoTokens.VideoToken token = tokens.issue(s.channelName(), userId, role,
                    TeachingRules.tokenTtl(s, now, times));
            return attendance.close(s.id(), userId, now).then(attendance.join(s.id(), userId, now))
                    .flatMap(row -> attendance.findBySession(s.id()).map(rows -> new TeachingViews.TeachingJoin(
                            s.id().toString(), s.channelName(), role.name(), token, row.id(), row.joinedAt(),
                            attended(rows, userId, now))));
        }));
    }

    /** Closes the caller's open join row, if any; leaving twice changes nothing. */
    public Mono<TeachingViews.TeachingLeave> leave(String id, long userId) {
        Instant now = now();
        return inTransaction(access.lock(id, userId).flatMap(seen -> attendance.close(seen.session().id(), userId, now)
                .flatMap(closed -> attendance.findBySession(seen.session().id()).map(rows -> new TeachingViews.TeachingLeave(
                        seen.session().id().toString(), closed > 0, now,
                        attended(rows, userId, Attendance.until(seen.session(), now)))))));
    }

    private Mono<TeachingViews.TeachingSessionView> view(TeachingAccess.Seen seen, long userId, Instant now) {
        TeachingSession s = seen.session();
        return participants.findBySession(s.id()).flatMap(all -> attendance.findBySession(s.id()).map(rows -> {
            Map<Long, Long> attended = Attendance.totals(rows, Attendance.until(s, now));
            List<TeachingViews.TeachingParticipantView> shown = all.stream()
                    .filter(p -> seen.tutor() || (p.studentId() == userId && p.booked()))
                    .map(p -> new TeachingViews.TeachingParticipantView(p.id().toString(), p.studentId(), p.status().name(),
                            p.bookedAt(), attended.getOrDefault(p.studentId(), 0L)))
                    .toList();
            boolean inCall = rows.stream().anyMatch(r -> r.userId() == userId && r.leftAt() == null);
            return new TeachingViews.TeachingSessionView(s.id().toString(), s.slotId(), s.tutorId(), s.type().name(),
                    s.maxParticipants(), s.title(), s.startsAt(), s.endsAt(), s.timezone(), s.status().name(),
                    s.channelName(), s.noShow() == null ? null : s.noShow().name(), s.cancelReason(), s.startedAt(),
                    s.completedAt(), (int) all.stream().filter(p -> p.booked()).count(),
                    seen.tutor() ? "TUTOR" : "STUDENT", attended.getOrDefault(userId, 0L), inCall, shown);
        }));
    }

    private static long attended(List<AttendanceRow> rows, long userId, Instant until) {
        return Attendance.totals(rows.stream().filter(r -> r.userId() == userId).toList(), until)
                .getOrDefault(userId, 0L);
    }

    /**
     * Runs a change in its own transaction; should PostgreSQL abort it for a deadlock or
     * serialization failure with another one, it runs again from the start, a few times.
     */
    <T> Mono<T> inTransaction(Mono<T> change) {
        return tx.transactional(change).retryWhen(Retry.backoff(3, LOCK_RETRY_BACKOFF)
                .filter(ConcurrencyFailureException.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
