package io.coachwork.subscription.usage;

import io.coachwork.subscription.plan.SubscriptionService;
import io.coachwork.subscription.tier.ResourceKind;
import io.coachwork.subscription.tier.Tier;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Usage against the limits of a tutor's current tier (seed 000's checkSubscriptionLimit). */
@Service
public class LimitsService {

    private final SubscriptionService subscriptions;
    private final UsageRepository usage;

    public LimitsService(SubscriptionService subscriptions, UsageRepository usage) {
        this.subscriptions = subscriptions;
        this.usage = usage;
    }

    public Mono<LimitsView> limits(long tutorId) {
        return subscriptions.current(tutorId).zipWith(usage.usage(tutorId), (s, used) -> {
            Tier tier = s.tier();
            return new LimitsView(limit(tier, used, ResourceKind.COURSES), limit(tier, used, ResourceKind.DIGITAL_DOWNLOADS),
                    limit(tier, used, ResourceKind.COMMUNITIES), limit(tier, used, ResourceKind.MEMBERSHIPS),
                    new LimitsView.Coaching(tier.unlimitedCoaching()));
        });
    }

    public Mono<LimitCheck> check(long tutorId, ResourceKind kind, int quantity) {
        return subscriptions.current(tutorId).zipWith(usage.usage(tutorId),
                (s, used) -> LimitCheck.evaluate(s.tier(), kind, used.getOrDefault(kind, 0L), quantity));
    }

    private static LimitsView.ResourceLimit limit(Tier tier, Map<ResourceKind, Long> used, ResourceKind kind) {
        return LimitsView.ResourceLimit.of(tier.limits().of(kind), used.getOrDefault(kind, 0L));
    }
}
