package io.coachwork.session.coaching;

import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.directory.UserDirectory;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.session.saga.CoachingSessionSaga;
import io.coachwork.session.settings.CoachingSettingsService;
import io.coachwork.session.stream.JoinToken;
import io.coachwork.session.stream.StreamProperties;
import io.coachwork.session.stream.StreamTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Coaching sessions: creation (the start of the hours saga), reads, invitations, the lifecycle and
 * join tokens. Each change locks the session row and commits with its saga command and its event.
 */
@Service
public class CoachingSessionService {

    public static final String NOT_FOUND = "Coaching session not found";
    private static final Duration LOCK_RETRY_BACKOFF = Duration.ofMillis(20);
    /** What tutors list without a filter: everything but creations the wallet refused. */
    private static final Set<SessionStatus> TUTOR_LISTED = EnumSet.complementOf(EnumSet.of(SessionStatus.FAILED));
    /** Students see a session once its hours are reserved. */
    private static final Set<SessionStatus> STUDENT_LISTED = EnumSet.of(SessionStatus.SCHEDULED, SessionStatus.ACTIVE,
            SessionStatus.ENDED, SessionStatus.CANCELLED);

    private final CoachingSessionRepository sessions;
    private final ParticipantRepository participants;
    private final CoachingSessionSaga saga;
    private final SessionEvents events;
    private final CoachingSettingsService settings;
    private final UserDirectory directory;
    private final StreamTokens tokens;
    private final StreamProperties stream;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final SessionProperties properties;

    public CoachingSessionService(CoachingSessionRepository sessions, ParticipantRepository participants,
                                  CoachingSessionSaga saga, SessionEvents events, CoachingSettingsService settings,
                                  UserDirectory directory, StreamTokens tokens, StreamProperties stream,
                                  TransactionalOperator tx, Clock clock, SessionProperties properties) {
        this.sessions = sessions;
        this.participants = participants;
        this.saga = saga;
        this.events = events;
        this.settings = settings;
        this.directory = directory;
        this.tokens = tokens;
        this.stream = stream;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new session as its creator sees it; {@code pending} when the wallet has not answered in time. */
    public record Creation(CoachingSession session, int studentCount) {
    }

    public record NewSession(String title, String description, String startTime, String endTime, List<Long> studentIds) {
    }

    /**
     * Stores the session as pending and starts its saga (the ReserveHours command), then waits for
     * the wallet's answer: woken by the reply here, or reading the saga when another replica got it.
     */
    public Mono<Creation> create(long tutorId, NewSession request) {
        Instant now = now();
        List<Long> students = distinct(request.studentIds());
        // The saga's id is chosen first, so the session row is stored with it in its insert.
        UUID sagaId = UUID.randomUUID();
        Mono<CoachingSession> store = Invitees.checkStudents(directory, students).then(settings.cached())
                .flatMap(cfg -> rule(() -> SessionTimes.window(request.startTime(), request.endTime(), now,
                        cfg.defaultDurationMinutes(), properties.maxStartAhead())))
                .flatMap(window -> sessions.insertPending(tutorId, request.title().trim(),
                        blankToNull(request.description()), window, students, now, sagaId))
                .flatMap(s -> saga.reserve(s).thenReturn(s));
        // Read again once answered: the wallet's reply moved the session on in a transaction of its own.
        return tx.transactional(store)
                .flatMap(stored -> saga.await(sagaId, properties.sagaWait()).then(sessions.find(stored.id())))
                .flatMap(s -> s.status() == SessionStatus.FAILED ? Mono.error(ApiException.badRequest(s.failureReason()))
                        : Mono.just(new Creation(s, students.size())));
    }

    public Mono<SessionViews.SessionPage> list(long tutorId, String status, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        Set<SessionStatus> statuses = status == null || status.isBlank() ? TUTOR_LISTED : Set.of(statusFilter(status));
        return Mono.zip(sessions.listByTutor(tutorId, statuses, query.limit(), query.offset()).collectList(),
                        sessions.countByTutor(tutorId, statuses))
                .flatMap(t -> withParticipants(t.getT1(), (s, views) -> new SessionViews.ListItem(s.id(), s.title(),
                        s.description(), s.startTime(), s.endTime(), s.durationMinutes(), viewLink(s),
                        s.status().value(), Hours.of(s.minutesReserved()), Hours.of(s.minutesUsedAt(now())),
                        views.size(), s.actualStartTime(), s.actualEndTime(), views, s.createdAt()))
                        .map(items -> new SessionViews.SessionPage(items, Pagination.of(t.getT2(), query))));
    }

    public Mono<SessionViews.Detail> detail(long tutorId, long id) {
        return owned(tutorId, id)
                .flatMap(s -> withParticipants(List.of(s), (found, views) -> new SessionViews.Detail(found.id(),
                        found.title(), found.description(), found.startTime(), found.endTime(),
                        found.durationMinutes(), found.streamCallId(), viewLink(found), found.status().value(),
                        Hours.of(found.minutesReserved()), Hours.of(found.minutesUsedAt(now())), views.size(),
                        found.actualStartTime(), found.actualEndTime(), views, found.createdAt(), found.updatedAt())))
                .map(views -> views.get(0));
    }

    /**
     * Invites the students not invited yet. Students of a pending session hear of it with the
     * created event, so only later invitations announce themselves.
     */
    public Mono<SessionViews.Invited> invite(long tutorId, long id, List<Long> studentIds) {
        Instant now = now();
        Mono<SessionViews.Invited> change = lockOwned(tutorId, id)
                .flatMap(s -> rule(() -> {
                    SessionLifecycle.checkInvite(s);
                    return s;
                }))
                .flatMap(s -> Invitees.checkStudents(directory, distinct(studentIds)).thenReturn(s))
                .flatMap(s -> participants.inviteNew(id, distinct(studentIds), now).collectList()
                        .flatMap(added -> announceInvited(s, added, now).thenReturn(added)))
                .map(added -> new SessionViews.Invited(added.size(), added.stream()
                        .map(p -> new SessionViews.InvitedParticipant(p.id(), p.studentId())).toList()));
        return inTransaction(change);
    }

    private Mono<Void> announceInvited(CoachingSession s, List<Participant> added, Instant now) {
        if (added.isEmpty()) {
            return Mono.empty();
        }
        Mono<CoachingSession> touched = sessions.update(s.touched(now));
        return s.status() == SessionStatus.PENDING ? touched.then()
                : touched.then(events.studentsInvited(s, added.stream().map(Participant::studentId).toList()));
    }

    public Mono<SessionViews.Started> start(long tutorId, long id) {
        Instant now = now();
        Mono<SessionViews.Started> change = lockOwned(tutorId, id)
                .flatMap(s -> rule(() -> {
                    SessionLifecycle.checkStart(s, now);
                    return s.started(now);
                }))
                .flatMap(sessions::update)
                .flatMap(s -> saga.confirm(s).then(participants.studentIds(s.id()))
                        .flatMap(ids -> events.started(s, ids)).thenReturn(s))
                .map(s -> new SessionViews.Started(s.id(), s.status().value(), s.actualStartTime(), s.streamCallId(),
                        viewLink(s)));
        return inTransaction(change);
    }

    /**
     * An end or cancel as the tutor sees it, and whether the wallet has answered its settle or
     * release: the request waits for it (bounded), so the hours balance read right after is true.
     */
    public record Answered<T>(T view, boolean walletDone) {
    }

    public Mono<Answered<SessionViews.Ended>> end(long tutorId, long id) {
        Instant now = now();
        Mono<CoachingSession> change = lockOwned(tutorId, id)
                .flatMap(s -> rule(() -> {
                    SessionLifecycle.checkEnd(s);
                    return s;
                }))
                .flatMap(s -> finish(s, now, now, SessionEvents.ENDED_BY_TUTOR));
        return inTransaction(change).flatMap(s -> awaitWallet(s).map(done -> new Answered<>(new SessionViews.Ended(
                s.id(), s.status().value(), s.actualStartTime(), s.actualEndTime(), Hours.of(s.minutesReserved()),
                Hours.of(s.minutesUsed())), done)));
    }

    /**
     * Runs a change in its own transaction. Every writer locks the session before its saga, so
     * writers queue rather than deadlock; should PostgreSQL still abort one (a deadlock or
     * serialization failure with another transaction), it is run again from the start, a few times.
     */
    private <T> Mono<T> inTransaction(Mono<T> change) {
        return tx.transactional(change).retryWhen(Retry.backoff(3, LOCK_RETRY_BACKOFF)
                .filter(ConcurrencyFailureException.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /**
     * Waits (bounded, woken by the reply) until the session's saga has its wallet's answer. A session
     * stored without a saga id had its saga started by this change, under an id its row now holds.
     */
    private Mono<Boolean> awaitWallet(CoachingSession changed) {
        Mono<CoachingSession> withSaga = changed.sagaId() != null ? Mono.just(changed) : sessions.find(changed.id());
        return withSaga.flatMap(s -> Mono.justOrEmpty(s.sagaId()))
                .flatMap(sagaId -> saga.await(sagaId, properties.sagaWait()))
                .map(instance -> !instance.state().waitingForReply())
                .defaultIfEmpty(true);
    }

    /**
     * Ends an active session locked by the caller's transaction: records the used minutes (rounded
     * up, capped at the reservation), settles them through the wallet and announces the end.
     */
    public Mono<CoachingSession> finish(CoachingSession active, Instant actualEnd, Instant now, String reason) {
        int used = SessionTimes.usedMinutes(active.actualStartTime(), actualEnd, active.minutesReserved());
        CoachingSession ended = active.ended(actualEnd, used, now);
        // Announced before the saga's command, whose statement then writes the event too (OutboxWriter).
        return sessions.update(ended)
                .then(participants.markLeft(ended.id(), actualEnd))
                .then(participants.studentIds(ended.id()))
                .flatMap(ids -> events.ended(ended, ids, reason))
                .then(saga.settle(ended, used))
                .thenReturn(ended);
    }

    /**
     * Cancels and returns the hold: all of it, or for a running session what was not used (the used
     * minutes are settled as an end does). Students of a pending session never heard of it, so none is
     * told. A pending session's cancel answers at once: its reservation was never confirmed.
     */
    public Mono<Answered<SessionViews.Cancelled>> cancel(long tutorId, long id) {
        Instant now = now();
        Mono<CoachingSession> change = lockOwned(tutorId, id)
                .flatMap(s -> rule(() -> {
                    SessionLifecycle.checkCancel(s);
                    return s;
                }))
                .flatMap(s -> cancelLocked(s, now, SessionEvents.CANCELLED_BY_TUTOR).map(cancelled -> s));
        return inTransaction(change).flatMap(before -> {
            SessionViews.Cancelled view = new SessionViews.Cancelled(before.id(), SessionStatus.CANCELLED.value());
            Mono<Boolean> done = before.status() == SessionStatus.PENDING ? Mono.just(true) : awaitWallet(before);
            return done.map(walletDone -> new Answered<>(view, walletDone));
        });
    }

    /**
     * Cancels a session locked by the caller's transaction: a running one settles its used minutes
     * and returns the rest, any other returns its whole hold. The time tracker uses it for sessions
     * that were never started by their end time.
     */
    public Mono<CoachingSession> cancelLocked(CoachingSession s, Instant now, String reason) {
        CoachingSession cancelled = s.cancelled(now);
        boolean running = s.status() == SessionStatus.ACTIVE;
        Mono<Void> left = running ? participants.markLeft(s.id(), now) : Mono.empty();
        Mono<UUID> wallet = running ? saga.settle(cancelled, cancelled.minutesUsed()) : saga.release(cancelled);
        // The students told: none for a pending session, which they never heard of.
        Mono<List<Long>> told = s.status() == SessionStatus.PENDING
                ? sessions.update(cancelled).thenReturn(List.of())
                : sessions.updateListingStudents(cancelled);
        // Announced before the saga's command, whose statement then writes the event too (OutboxWriter).
        return told.flatMap(ids -> events.cancelled(cancelled, ids, reason))
                .then(left)
                .then(wallet)
                .thenReturn(cancelled);
    }

    /** The tutor's token: they host the call. */
    public Mono<JoinToken> tutorToken(long tutorId, long id) {
        return owned(tutorId, id).flatMap(s -> rule(() -> {
            SessionLifecycle.checkJoin(s);
            return tokens.issue(s.streamCallId(), tutorId, JoinToken.HOST);
        }));
    }

    /** A participant's token; taking one for a running session records that they joined. */
    public Mono<JoinToken> studentToken(long studentId, long id) {
        return sessions.find(id)
                .filter(s -> STUDENT_LISTED.contains(s.status()))
                .flatMap(s -> participants.find(id, studentId).map(participant -> s))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(NOT_FOUND)))
                .flatMap(s -> rule(() -> {
                    SessionLifecycle.checkJoin(s);
                    return tokens.issue(s.streamCallId(), studentId, JoinToken.USER);
                }).flatMap(token -> (s.status() == SessionStatus.ACTIVE
                        ? participants.markJoined(id, studentId, now()) : Mono.<Void>empty()).thenReturn(token)));
    }

    public Mono<SessionViews.StudentSessionPage> studentSessions(long studentId, String status, String page,
                                                                 String limit) {
        PageQuery query = PageQuery.of(page, limit);
        Set<SessionStatus> statuses = status == null || status.isBlank() ? STUDENT_LISTED : Set.of(statusFilter(status));
        return Mono.zip(sessions.listByStudent(studentId, statuses, query.limit(), query.offset()).collectList(),
                        sessions.countByStudent(studentId, statuses))
                .flatMap(t -> {
                    List<CoachingSession> found = t.getT1();
                    Mono<Map<Long, Participant>> mine = participants.findBySessions(ids(found))
                            .filter(p -> p.studentId() == studentId).collectMap(Participant::sessionId);
                    Mono<Map<Long, DirectoryUser>> tutors = directory.findAll(found.stream()
                            .map(CoachingSession::tutorId).distinct().toList()).collectMap(DirectoryUser::userId);
                    return Mono.zip(mine, tutors).map(m -> found.stream().map(s -> {
                        Participant p = m.getT1().get(s.id());
                        DirectoryUser tutor = m.getT2().get(s.tutorId());
                        return new SessionViews.StudentSession(s.id(), s.title(), s.description(), s.startTime(),
                                s.endTime(), s.durationMinutes(), viewLink(s), s.status().value(),
                                new SessionViews.TutorRef(s.tutorId(), tutor == null ? null : tutor.name()),
                                s.actualStartTime(), s.actualEndTime(), p.invitedAt(), p.joinedAt());
                    }).toList()).map(items -> new SessionViews.StudentSessionPage(items, Pagination.of(t.getT2(), query)));
                });
    }

    private interface ViewBuilder<T> {
        T build(CoachingSession session, List<SessionViews.ParticipantView> participants);
    }

    /** Builds one view per session with its participants, named from the user directory (null when unknown). */
    private <T> Mono<List<T>> withParticipants(List<CoachingSession> found, ViewBuilder<T> builder) {
        return participants.findBySessions(ids(found)).collectList().flatMap(all -> directory
                .findAll(all.stream().map(Participant::studentId).distinct().toList())
                .collectMap(DirectoryUser::userId)
                .map(users -> {
                    Map<Long, List<SessionViews.ParticipantView>> bySession = all.stream().collect(Collectors.groupingBy(
                            Participant::sessionId, Collectors.mapping(p -> SessionViews.ParticipantView.of(p,
                                    users.get(p.studentId())), Collectors.toList())));
                    List<T> views = new ArrayList<>(found.size());
                    found.forEach(s -> views.add(builder.build(s, bySession.getOrDefault(s.id(), List.of()))));
                    return views;
                }));
    }

    private Mono<CoachingSession> owned(long tutorId, long id) {
        return sessions.findOwned(id, tutorId).switchIfEmpty(Mono.error(() -> ApiException.notFound(NOT_FOUND)));
    }

    private Mono<CoachingSession> lockOwned(long tutorId, long id) {
        return sessions.lockOwned(id, tutorId).switchIfEmpty(Mono.error(() -> ApiException.notFound(NOT_FOUND)));
    }

    private String viewLink(CoachingSession s) {
        return stream.viewLink(s.streamCallId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static SessionStatus statusFilter(String status) {
        return SessionStatus.filter(status.trim().toLowerCase()).orElseThrow(() -> ApiException.invalidField("status",
                "Invalid status. Valid statuses: scheduled, active, ended, cancelled"));
    }

    /** Runs a rule, turning its refusal into a 400 that names the field at fault. */
    private static <T> Mono<T> rule(Supplier<T> check) {
        return Mono.fromSupplier(check).onErrorMap(SessionRuleViolation.class, v -> v.field() == null
                ? ApiException.badRequest(v.getMessage()) : ApiException.invalidField(v.field(), v.getMessage()));
    }

    private static List<Long> distinct(List<Long> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static List<Long> ids(Collection<CoachingSession> found) {
        return found.stream().map(CoachingSession::id).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
