package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.saga.Saga;
import io.coachwork.platform.saga.SagaDefinition;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.saga.SagaInstance;
import io.coachwork.platform.saga.SagaNext;
import io.coachwork.session.coaching.CoachingSession;
import io.coachwork.session.coaching.CoachingSessionRepository;
import io.coachwork.session.coaching.Hours;
import io.coachwork.session.coaching.ParticipantRepository;
import io.coachwork.session.coaching.SessionEvents;
import io.coachwork.session.coaching.SessionStatus;
import io.coachwork.session.coaching.SessionTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Mono;

/**
 * The coaching-session saga with wallet-service, one saga per session under one saga id:
 * <ol>
 * <li>{@code reserve} at creation: HoursReserved schedules the session, HoursReservationRefused fails
 * it with seed 000's message. Unanswered past its timeout (or attempt cap) the session fails and the
 * hold, if the wallet made one after all, is released.</li>
 * <li>{@code confirm} at start: the tutor's plan at start decides how the session is paid (issue 7
 * item 9). Unlimited now, the wallet returns what it held and the session is free; no longer
 * unlimited, a hold made free at booking is filled with the session's minutes. When those are not
 * there the session is ended at once ({@code hours_unavailable}) and its used minutes settled.</li>
 * <li>then, when the tutor acts, {@code settle} the used minutes at the end (the rest returns to the
 * balance) or {@code release} the whole hold on cancel. Both are resent until answered; a step
 * still unanswered when the next one starts is abandoned (a late reply is recorded, not applied).</li>
 * </ol>
 * Commands are keyed by tutor, so the wallet applies one tutor's commands in the order they were sent.
 */
@Component
public class CoachingSessionSaga implements Saga<CoachingSessionSaga.Data> {

    public static final String TYPE = "coaching-session";
    public static final String RESERVE = "reserve";
    public static final String CONFIRM = "confirm";
    public static final String SETTLE = "settle";
    public static final String RELEASE = "release";
    static final String RESERVATION_TIMED_OUT = "Coaching hours could not be reserved in time. Please try again.";

    /** The saga's state: the session, its tutor, the minutes held and, once ended, the minutes used. */
    public record Data(long sessionId, long tutorId, long minutes, Long usedMinutes) {

        String key() {
            return Long.toString(tutorId);
        }

        Data used(long minutesUsed) {
            return new Data(sessionId, tutorId, minutes, minutesUsed);
        }
    }

    private final CoachingSessionRepository sessions;
    private final ParticipantRepository participants;
    private final SessionEvents events;
    /** The engine needs this saga's definition, hence the provider; resolved once, not per request. */
    private final Supplier<SagaEngine> engine;
    private final Clock clock;
    private final SagaDefinition<Data> definition;

    public CoachingSessionSaga(CoachingSessionRepository sessions, ParticipantRepository participants,
                               SessionEvents events, ObjectProvider<SagaEngine> engine, Clock clock,
                               @Value("${coachwork.sessions.reserve-timeout:15m}") Duration reserveTimeout) {
        this.sessions = sessions;
        this.participants = participants;
        this.events = events;
        this.engine = SingletonSupplier.of(engine::getObject);
        this.clock = clock;
        String replies = Topics.SESSION_SAGA_REPLIES;
        this.definition = SagaDefinition.saga(TYPE, Data.class)
                .lockFirst(CoachingSessionRepository.LOCK_FOR_SAGA, Data::sessionId)
                .onGiveUp(this::gaveUp)
                .step(RESERVE)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.RESERVE_HOURS, Data::key, (id, d) ->
                        new WalletCommands.ReserveHours(id.toString(), d.tutorId(), d.sessionId(), d.minutes(), replies))
                .onReply(EventTypes.HOURS_RESERVED, WalletReplies.HoursReserved.class, this::reserved)
                .onReply(EventTypes.HOURS_RESERVATION_REFUSED, WalletReplies.HoursReservationRefused.class, this::refused)
                .compensatedBy(RELEASE)
                .timeout(reserveTimeout)
                .step(CONFIRM)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.CONFIRM_HOURS, Data::key, (id, d) ->
                        new WalletCommands.ConfirmHours(id.toString(), d.tutorId(), d.sessionId(), d.minutes(), replies))
                .onReply(EventTypes.HOURS_CONFIRMED, WalletReplies.HoursConfirmed.class,
                        (saga, reply) -> Mono.just(SagaNext.idle(saga.data())))
                .onReply(EventTypes.HOURS_CONFIRMATION_REFUSED, WalletReplies.HoursConfirmationRefused.class,
                        this::confirmationRefused)
                .maxAttempts(50)
                .step(SETTLE)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.SETTLE_HOURS, Data::key, (id, d) ->
                        new WalletCommands.SettleHours(id.toString(), d.tutorId(), d.sessionId(), d.usedMinutes(), replies))
                .onReply(EventTypes.HOURS_SETTLED, WalletReplies.HoursSettled.class,
                        (saga, reply) -> Mono.just(SagaNext.complete(saga.data())))
                .maxAttempts(50)
                .step(RELEASE)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.RELEASE_HOURS, Data::key, (id, d) ->
                        new WalletCommands.ReleaseHours(id.toString(), d.tutorId(), d.sessionId(), replies))
                .onReply(EventTypes.HOURS_RELEASED, WalletReplies.HoursReleased.class,
                        (saga, reply) -> Mono.just(SagaNext.complete(saga.data())))
                .maxAttempts(50)
                .build();
    }

    @Override
    public SagaDefinition<Data> definition() {
        return definition;
    }

    /** Starts the saga of a new session, under the id stored with it, in the transaction that stores it. */
    public Mono<UUID> reserve(CoachingSession session) {
        return engine.get().start(definition, session.sagaId(), RESERVE,
                        new Data(session.id(), session.tutorId(), session.minutesReserved(), null))
                .map(SagaInstance::sagaId);
    }

    /** Settles {@code usedMinutes} of an ended session locked by the caller's transaction. */
    public Mono<UUID> settle(CoachingSession session, int usedMinutes) {
        return next(session, SETTLE, data -> data.used(usedMinutes));
    }

    /** Has the tutor's plan at start re-check the hold of a session just started (locked by the caller). */
    public Mono<UUID> confirm(CoachingSession session) {
        return next(session, CONFIRM, UnaryOperator.identity());
    }

    /** Releases the whole hold of a session locked by the caller's transaction. */
    public Mono<UUID> release(CoachingSession session) {
        return next(session, RELEASE, UnaryOperator.identity());
    }

    /** Waits (bounded) for the session's pending step to be answered. */
    public Mono<SagaInstance<Data>> await(UUID sagaId, Duration wait) {
        return engine.get().await(definition, sagaId, wait);
    }

    /** Sends the next step of the session's saga; a session stored before sagas existed gets one now. */
    private Mono<UUID> next(CoachingSession session, String step, UnaryOperator<Data> change) {
        Mono<SagaInstance<Data>> sent = session.sagaId() != null
                ? engine.get().advance(definition, session.sagaId(), step, change)
                : engine.get().start(definition, step, change.apply(
                                new Data(session.id(), session.tutorId(), session.minutesReserved(), null)))
                        .flatMap(saga -> sessions.attachSaga(session.id(), saga.sagaId()).thenReturn(saga));
        return sent.map(SagaInstance::sagaId);
    }

    private Mono<SagaNext<Data>> reserved(SagaInstance<Data> saga, WalletReplies.HoursReserved reply) {
        return leavePending(saga, SessionStatus.SCHEDULED, null)
                .flatMap(scheduled -> events.created(scheduled.session(), scheduled.studentIds()))
                .thenReturn(SagaNext.idle(saga.data()));
    }

    private Mono<SagaNext<Data>> refused(SagaInstance<Data> saga, WalletReplies.HoursReservationRefused reply) {
        String reason = Hours.insufficient(reply.requiredMinutes(), reply.availableMinutes());
        return fail(saga, reason).thenReturn(SagaNext.fail(reason, saga.data()));
    }

    /** No hours for a session whose plan lapsed: it ends now, and the minutes it ran are settled. */
    private Mono<SagaNext<Data>> confirmationRefused(SagaInstance<Data> saga, WalletReplies.HoursConfirmationRefused reply) {
        Instant now = clock.instant();
        return sessions.find(saga.data().sessionId())
                .filter(s -> s.status() == SessionStatus.ACTIVE)
                .flatMap(s -> {
                    int used = SessionTimes.usedMinutes(s.actualStartTime(), now, s.minutesReserved());
                    CoachingSession ended = s.ended(now, used, now);
                    return sessions.update(ended)
                            .then(participants.markLeft(ended.id(), now))
                            .then(participants.studentIds(ended.id()))
                            .flatMap(ids -> events.ended(ended, ids, SessionEvents.HOURS_UNAVAILABLE))
                            .thenReturn(SagaNext.step(SETTLE, saga.data().used(used)));
                })
                .defaultIfEmpty(SagaNext.idle(saga.data()));
    }

    /** A reservation given up fails its session; a settle or release given up waits for an admin. */
    private Mono<Void> gaveUp(SagaInstance<Data> saga, String reason) {
        return RESERVE.equals(saga.step()) ? fail(saga, RESERVATION_TIMED_OUT) : Mono.empty();
    }

    private Mono<Void> fail(SagaInstance<Data> saga, String reason) {
        return leavePending(saga, SessionStatus.FAILED, reason).flatMap(failed -> events.failed(failed.session()));
    }

    /**
     * Moves the saga's session, already locked by the engine (lockFirst), on if it still waits for its
     * hours, and answers it as stored; empty when it no longer waits (cancelled meanwhile).
     */
    private Mono<CoachingSessionRepository.WithStudents> leavePending(SagaInstance<Data> saga, SessionStatus to,
                                                                      String reason) {
        return sessions.transition(saga.data().sessionId(), SessionStatus.PENDING, to, reason, clock.instant());
    }
}
