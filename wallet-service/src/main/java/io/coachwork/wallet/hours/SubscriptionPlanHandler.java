package io.coachwork.wallet.hours;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.contracts.subscription.TierUpdated;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Learns from subscription events whether a tutor's tier has unlimited coaching and its commission, and from tier edits. */
@Component
public class SubscriptionPlanHandler implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.SUBSCRIPTION_ACTIVATED, EventTypes.SUBSCRIPTION_CHANGED,
            EventTypes.SUBSCRIPTION_RENEWED, EventTypes.SUBSCRIPTION_EXPIRED);

    private final TutorPlans plans;
    private final EventCodec codec;
    private final Clock clock;

    public SubscriptionPlanHandler(TutorPlans plans, EventCodec codec, Clock clock) {
        this.plans = plans;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "subscription-plans";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SUBSCRIPTIONS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (EventTypes.TIER_UPDATED.equals(event.type())) {
            TierUpdated tier = codec.data(event, TierUpdated.class);
            return plans.tierChanged(tier.tier(), tier.unlimitedCoaching(), tier.commissionRate());
        }
        if (!TYPES.contains(event.type())) {
            return Mono.empty();
        }
        SubscriptionEvent subscription = codec.data(event, SubscriptionEvent.class);
        return plans.record(subscription.tutorId(), subscription.tier(), subscription.unlimitedCoaching(),
                subscription.status(), subscription.commissionRate(), event.time() == null ? clock.instant() : event.time());
    }
}
