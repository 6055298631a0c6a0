package io.coachwork.subscription.tier;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EveryInstanceListener;
import io.coachwork.platform.messaging.KafkaClients;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Every instance hears every tier_updated, announced by any instance, and empties its {@link TierCache}. */
@Component
@ConditionalOnProperty(name = "coachwork.kafka.consumers-enabled", matchIfMissing = true)
public class TierUpdatesListener extends EveryInstanceListener {

    public TierUpdatesListener(KafkaClients clients, EventCodec codec, TierCache cache) {
        super(clients, codec, "tier-cache", Topics.SUBSCRIPTIONS, EventTypes.TIER_UPDATED, cache::invalidate);
    }
}
