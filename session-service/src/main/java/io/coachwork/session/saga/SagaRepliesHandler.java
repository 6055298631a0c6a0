package io.coachwork.session.saga;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.saga.SagaEngine;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Wallet-service's replies to the coaching-session saga. The platform dedupes by event id; the
 * engine applies one reply per saga step, so the wallet answering a resend changes nothing.
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

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return engine.onReply(event);
    }
}
