package io.coachwork.session.saga;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.saga.SagaEngine;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Wallet-service's replies to the coaching-session saga. The engine applies one reply per saga
 * step, so a redelivered reply, or the wallet answering a resend, changes nothing.
 */
@Component
public class SagaRepliesHandler implements EventHandler {

    private final SagaEngine engine;

    public SagaRepliesHandler(SagaEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "wallet-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SESSION_SAGA_REPLIES);
    }

    /** The engine records each step's first reply with the saga and applies only that one. */
    @Override
    public boolean appliesOnceItself() {
        return true;
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return engine.onReply(event);
    }
}
