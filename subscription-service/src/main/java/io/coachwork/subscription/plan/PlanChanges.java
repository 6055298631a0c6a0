package io.coachwork.subscription.plan;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.subscription.tier.Percent;
import io.coachwork.subscription.tier.Tier;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores the outcome of a rule: the subscription row, its audit entry and its event, all inside
 * the caller's transaction.
 */
@Component
public class PlanChanges {

    private final SubscriptionRepository subscriptions;
    private final OutboxWriter outbox;

    public PlanChanges(SubscriptionRepository subscriptions, OutboxWriter outbox) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
    }

    /** A tutor's subscription row (null on the implicit free tier) with its tier. */
    public record Subscribed(TutorSubscription subscription, Tier tier) {
    }

    public Mono<Subscribed> apply(PlanChange change, Tier tier, String reason, Instant now) {
        if (change.kind() == PlanChange.Kind.UNCHANGED) {
            return Mono.just(new Subscribed(change.next(), tier));
        }
        return subscriptions.save(change.next(), now)
                .flatMap(saved -> (audited(change)
                        ? subscriptions.recordChange(saved.tutorId(), change.previousTier(), saved.tierCode(), reason, now)
                        : Mono.<Void>empty())
                        .then(publish(change.kind(), saved, change.previousTier(), tier))
                        .thenReturn(new Subscribed(saved, tier)));
    }

    /** The audit keeps every change of tier and every period boundary, not auto-renew toggles or dunning. */
    private static boolean audited(PlanChange change) {
        return switch (change.kind()) {
            case ACTIVATED, RENEWED, EXPIRED -> true;
            case CHANGED -> !change.next().tierCode().equals(change.previousTier());
            default -> false;
        };
    }

    private Mono<Void> publish(PlanChange.Kind kind, TutorSubscription s, String previousTier, Tier tier) {
        String type = switch (kind) {
            case ACTIVATED -> EventTypes.SUBSCRIPTION_ACTIVATED;
            case RENEWED -> EventTypes.SUBSCRIPTION_RENEWED;
            case EXPIRED -> EventTypes.SUBSCRIPTION_EXPIRED;
            default -> EventTypes.SUBSCRIPTION_CHANGED;
        };
        SubscriptionEvent event = new SubscriptionEvent(s.id(), s.tutorId(), s.tierCode(), previousTier,
                kind == PlanChange.Kind.EXPIRED ? "expired" : s.status(), s.startDate(), s.endDate(),
                tier.unlimitedCoaching(), Percent.display(tier.commissionRate()));
        return outbox.append(Topics.SUBSCRIPTIONS, Long.toString(s.tutorId()), type, event).then();
    }
}
