package io.coachwork.session.saga;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.session.coaching.CoachingSession;
import io.coachwork.session.coaching.CoachingSessionRepository;
import io.coachwork.session.coaching.Hours;
import io.coachwork.session.coaching.ParticipantRepository;
import io.coachwork.session.coaching.SessionEvents;
import io.coachwork.session.coaching.SessionStatus;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Advances coaching-session sagas from wallet-service's replies. The platform dedupes by event id;
 * a second reply to the same command (the wallet answering a resend) finds the step already
 * answered and changes nothing, so every reply is applied once.
 */
@Component
public class SagaRepliesHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(SagaRepliesHandler.class);

    private final SagaRepository steps;
    private final CoachingSessionRepository sessions;
    private final ParticipantRepository participants;
    private final SessionEvents events;
    private final EventCodec codec;
    private final JsonMapper json;
    private final Clock clock;

    public SagaRepliesHandler(SagaRepository steps, CoachingSessionRepository sessions,
                              ParticipantRepository participants, SessionEvents events, EventCodec codec,
                              JsonMapper json, Clock clock) {
        this.steps = steps;
        this.sessions = sessions;
        this.participants = participants;
        this.events = events;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "wallet-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SESSION_SAGA_REPLIES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.HOURS_RESERVED -> {
                WalletReplies.HoursReserved reply = codec.data(event, WalletReplies.HoursReserved.class);
                yield record(event, reply.sagaId(), SagaStep.Step.RESERVE, SagaStep.State.COMPLETED)
                        .flatMap(step -> pendingSession(step)
                                .flatMap(s -> sessions.update(s.scheduled(clock.instant())))
                                .flatMap(s -> participants.studentIds(s.id()).flatMap(ids -> events.created(s, ids))));
            }
            case EventTypes.HOURS_RESERVATION_REFUSED -> {
                WalletReplies.HoursReservationRefused reply =
                        codec.data(event, WalletReplies.HoursReservationRefused.class);
                String reason = Hours.insufficient(reply.requiredMinutes(), reply.availableMinutes());
                yield record(event, reply.sagaId(), SagaStep.Step.RESERVE, SagaStep.State.REFUSED)
                        .flatMap(step -> pendingSession(step)
                                .flatMap(s -> sessions.update(s.failed(reason, clock.instant())))
                                .flatMap(events::failed));
            }
            case EventTypes.HOURS_SETTLED -> record(event, codec.data(event, WalletReplies.HoursSettled.class).sagaId(),
                    SagaStep.Step.SETTLE, SagaStep.State.COMPLETED).then();
            case EventTypes.HOURS_RELEASED -> record(event, codec.data(event, WalletReplies.HoursReleased.class).sagaId(),
                    SagaStep.Step.RELEASE, SagaStep.State.COMPLETED).then();
            default -> Mono.empty();
        };
    }

    /** The step's first reply, recorded; empty for a repeated reply or a saga this service does not know. */
    private Mono<SagaStep> record(CloudEvent event, String sagaId, SagaStep.Step expected, SagaStep.State outcome) {
        return steps.recordReply(UUID.fromString(sagaId), outcome, event.type(), json.writeValueAsString(event.data()),
                        clock.instant())
                .flatMap(step -> {
                    if (step.step() != expected) {
                        return Mono.error(new IllegalStateException("reply " + event.type() + " to saga " + sagaId
                                + " which is a " + step.step().value() + " step"));
                    }
                    return Mono.just(step);
                })
                .switchIfEmpty(Mono.fromRunnable(() -> log.info("ignored reply {} to saga {}: already answered or unknown",
                        event.type(), sagaId)));
    }

    /** The step's session, locked, if it still waits for its reservation (a cancelled one does not). */
    private Mono<CoachingSession> pendingSession(SagaStep step) {
        if (step.state() == SagaStep.State.ABANDONED) {
            return Mono.empty();
        }
        return sessions.lock(step.sessionId()).filter(s -> s.status() == SessionStatus.PENDING);
    }
}
