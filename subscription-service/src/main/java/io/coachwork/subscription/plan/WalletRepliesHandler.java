package io.coachwork.subscription.plan;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.saga.SagaEngine;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Wallet-service's answers to the paid-tier saga's charges, applied once per saga step by the engine. */
@Component
public class WalletRepliesHandler implements EventHandler {

    private final SagaEngine engine;

    public WalletRepliesHandler(SagaEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "wallet-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SUBSCRIPTION_SAGA_REPLIES);
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
