package io.coachwork.subscription.plan;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import io.coachwork.subscription.tier.Money;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierRepository;
import io.coachwork.subscription.usage.UsageRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Tutors' subscriptions: reads, changes of plan, renewals and expiries. Every change is stored with
 * its audit row and its event in one transaction.
 */
@Service
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final UsageRepository usage;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public SubscriptionService(SubscriptionRepository subscriptions, TierRepository tiers, UsageRepository usage,
                               OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.usage = usage;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** The tutor's subscription and its tier; a tutor who never subscribed is on the free tier. */
    public Mono<Subscribed> current(long tutorId) {
        return subscriptions.findByTutor(tutorId)
                .flatMap(s -> tier(s.tierCode()).map(t -> new Subscribed(s, t)))
                .switchIfEmpty(Mono.defer(() -> tier(Tier.FREE).map(t -> new Subscribed(null, t))));
    }

    public Mono<Subscribed> subscribe(long tutorId, String tutorType, String tierCode, Boolean autoRenew) {
        Instant now = clock.instant();
        Mono<Subscribed> change = offeredTier(tierCode).flatMap(target -> subscriptions.lockByTutor(tutorId)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(current -> usage.usage(tutorId)
                        .map(used -> SubscriptionRules.subscribe(current.orElse(null), tutorId, tutorType, target,
                                autoRenew, used, now)))
                .onErrorMap(PlanRefused.class, refused -> ApiException.badRequest(refused.getMessage()))
                .flatMap(planChange -> apply(planChange, target, "subscribe", now)));
        return tx.transactional(change);
    }

    /** Applies a rule's outcome: stores the row, the audit entry and the event. */
    public Mono<Subscribed> apply(PlanChange change, Tier tier, String reason, Instant now) {
        if (change.kind() == PlanChange.Kind.UNCHANGED) {
            return Mono.just(new Subscribed(change.next(), tier));
        }
        return subscriptions.save(change.next(), now)
                .flatMap(saved -> (tierChanged(change)
                        ? subscriptions.recordChange(saved.tutorId(), change.previousTier(), saved.tierCode(), reason, now)
                        : Mono.<Void>empty())
                        .then(publish(change.kind(), saved, change.previousTier(), tier))
                        .thenReturn(new Subscribed(saved, tier)));
    }

    private static boolean tierChanged(PlanChange change) {
        return change.kind() != PlanChange.Kind.CHANGED || !change.next().tierCode().equals(change.previousTier());
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
                tier.unlimitedCoaching(), Money.rate(tier.commissionRate()));
        return outbox.append(Topics.SUBSCRIPTIONS, Long.toString(s.tutorId()), type, event).then();
    }

    Mono<Tier> tier(String code) {
        return tiers.find(code).switchIfEmpty(Mono.error(() -> new IllegalStateException("tier " + code + " is missing")));
    }

    private Mono<Tier> offeredTier(String code) {
        return tiers.find(code).filter(Tier::active)
                .switchIfEmpty(Mono.defer(() -> tiers.findAll(false).map(Tier::code).collect(Collectors.joining(", "))
                        .flatMap(valid -> Mono.error(ApiException.invalidField("subscription_tier",
                                "Invalid subscription tier. Valid tiers: " + valid)))));
    }

    /** A tutor's subscription row (null on the implicit free tier) with its tier. */
    public record Subscribed(TutorSubscription subscription, Tier tier) {
    }
}
