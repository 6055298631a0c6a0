package io.coachwork.session.saga;

import io.coachwork.contracts.Topics;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.session.coaching.CoachingSession;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends the coaching-session saga's commands to wallet-service: each step is stored with its state
 * and its command written to the outbox in the caller's transaction, so a restarted service knows
 * what it asked and resends what was never answered.
 */
@Component
public class WalletSaga {

    private final SagaRepository steps;
    private final OutboxWriter outbox;
    private final Clock clock;

    public WalletSaga(SagaRepository steps, OutboxWriter outbox, Clock clock) {
        this.steps = steps;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<SagaStep> reserve(CoachingSession session) {
        return begin(session, SagaStep.Step.RESERVE, session.minutesReserved());
    }

    public Mono<SagaStep> settle(CoachingSession session, int usedMinutes) {
        return begin(session, SagaStep.Step.SETTLE, usedMinutes);
    }

    /** Releases the whole hold; a reservation still unanswered is no longer wanted. */
    public Mono<SagaStep> release(CoachingSession session) {
        return steps.abandonAwaiting(session.id(), SagaStep.Step.RESERVE)
                .then(begin(session, SagaStep.Step.RELEASE, null));
    }

    /** Sends an unanswered step's command again, with the same sagaId. Call inside a transaction. */
    public Mono<Void> resend(SagaStep step) {
        return send(step).then(steps.markResent(step.sagaId(), clock.instant()));
    }

    private Mono<SagaStep> begin(CoachingSession session, SagaStep.Step kind, Integer minutes) {
        Instant now = clock.instant();
        SagaStep step = SagaStep.begin(session.id(), session.tutorId(), kind, minutes, now);
        return steps.insert(step).flatMap(saved -> send(saved).thenReturn(saved));
    }

    // Keyed by tutor: one tutor's holds are applied by the wallet in the order they were asked for.
    private Mono<Void> send(SagaStep step) {
        return outbox.append(Topics.WALLET_COMMANDS, Long.toString(step.tutorId()), step.commandType(), step.command())
                .then();
    }
}
