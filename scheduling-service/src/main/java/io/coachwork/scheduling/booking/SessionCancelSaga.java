package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.contracts.teaching.TeachingReplies;
import io.coachwork.platform.saga.Saga;
import io.coachwork.platform.saga.SagaDefinition;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.saga.SagaInstance;
import io.coachwork.platform.saga.SagaNext;
import io.coachwork.scheduling.booking.domain.CancelledBy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Mono;

/**
 * A tutor cancels a teaching session (seed 002 §3.2): session-service cancels it and every participant
 * (TeachingSessionCancelled), then every booking is cancelled and each paid one refunded in full by its
 * own booking saga. Refused once the session has started: the slot takes bookings again.
 */
@Component
public class SessionCancelSaga implements Saga<SessionCancelSaga.Data> {

    public static final String TYPE = "teaching-session-cancel";
    public static final String CANCEL_SESSION = "cancel-session";

    public record Data(UUID sessionId, long slotId, long tutorId, String reason) {

        String key() {
            return sessionId.toString();
        }
    }

    private final BookingRepository bookings;
    private final Cancellations cancellations;
    private final Supplier<SagaEngine> engine;
    private final Clock clock;
    private final SagaDefinition<Data> definition;

    public SessionCancelSaga(BookingRepository bookings, Cancellations cancellations, ObjectProvider<SagaEngine> engine,
                             Clock clock) {
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.engine = SingletonSupplier.of(engine::getObject);
        this.clock = clock;
        this.definition = SagaDefinition.saga(TYPE, Data.class)
                .lockFirst(BookingRepository.LOCK_SESSION_FOR_SAGA, Data::sessionId)
                .step(CANCEL_SESSION)
                .invoke(Topics.SESSION_COMMANDS, EventTypes.CANCEL_TEACHING_SESSION, Data::key, (id, d) ->
                        new TeachingCommands.CancelTeachingSession(id.toString(), d.sessionId().toString(), d.tutorId(),
                                d.reason(), Topics.SCHEDULING_SAGA_REPLIES))
                .onReply(EventTypes.TEACHING_SESSION_CANCEL_DONE, TeachingReplies.TeachingSessionCancelled.class,
                        this::cancelled)
                .onReply(EventTypes.TEACHING_CANCEL_REFUSED, TeachingReplies.TeachingCancelRefused.class, this::refused)
                .maxAttempts(50)
                .build();
    }

    @Override
    public SagaDefinition<Data> definition() {
        return definition;
    }

    /** Asks session-service to cancel, in the transaction that closed the slot. */
    public Mono<UUID> start(Data data) {
        return engine.get().start(definition, CANCEL_SESSION, data).map(SagaInstance::sagaId);
    }

    public Mono<SagaInstance<Data>> await(UUID sagaId, Duration wait) {
        return engine.get().await(definition, sagaId, wait);
    }

    private Mono<SagaNext<Data>> cancelled(SagaInstance<Data> saga, TeachingReplies.TeachingSessionCancelled reply) {
        Data d = saga.data();
        return cancellations.cancelAll(d.sessionId(), d.slotId(), CancelledBy.TUTOR, d.reason(), clock.instant())
                .thenReturn(SagaNext.complete(d));
    }

    private Mono<SagaNext<Data>> refused(SagaInstance<Data> saga, TeachingReplies.TeachingCancelRefused reply) {
        String reason = reply.reason() == null ? "The session can no longer be cancelled" : reply.reason();
        Instant now = clock.instant();
        return bookings.reopenSlot(saga.data().slotId(), now).thenReturn(SagaNext.fail(reason, saga.data()));
    }
}
