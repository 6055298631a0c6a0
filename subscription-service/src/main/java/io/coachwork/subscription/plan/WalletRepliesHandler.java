package io.coachwork.subscription.plan;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionChargeRefused;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionCharged;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Wallet-service's answers to the paid-tier saga's charges. */
@Component
public class WalletRepliesHandler implements EventHandler {

    private final TierChargeSaga saga;
    private final EventCodec codec;

    public WalletRepliesHandler(TierChargeSaga saga, EventCodec codec) {
        this.saga = saga;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "wallet-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SUBSCRIPTION_SAGA_REPLIES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.SUBSCRIPTION_CHARGED -> saga.charged(codec.data(event, SubscriptionCharged.class));
            case EventTypes.SUBSCRIPTION_CHARGE_REFUSED -> saga.refused(codec.data(event, SubscriptionChargeRefused.class));
            default -> Mono.empty();
        };
    }
}
