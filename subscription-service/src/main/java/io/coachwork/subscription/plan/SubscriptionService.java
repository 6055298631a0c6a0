package io.coachwork.subscription.plan;

import io.coachwork.platform.saga.SagaInstance;
import io.coachwork.platform.web.ApiException;
import io.coachwork.subscription.plan.PlanChanges.Subscribed;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierCache;
import io.coachwork.subscription.tier.TierRepository;
import io.coachwork.subscription.usage.UsageRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Tutors' subscriptions: reads and changes of plan. A change that starts a paid period is charged
 * to the wallet first (the {@link PaidTierSaga}); the request waits a few seconds for the
 * wallet's answer and otherwise reports the change as pending.
 */
@Service
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final TierCache tierCache;
    private final UsageRepository usage;
    private final PlanChanges changes;
    private final PaidTierSaga charges;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final String chargeCurrency;
    private final Duration sagaWait;

    public SubscriptionService(SubscriptionRepository subscriptions, TierRepository tiers, TierCache tierCache,
                               UsageRepository usage,
                               PlanChanges changes, PaidTierSaga charges, TransactionalOperator tx, Clock clock,
                               @Value("${coachwork.subscription.charge-currency:NGN}") String chargeCurrency,
                               @Value("${coachwork.subscription.saga-wait:5s}") Duration sagaWait) {
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.tierCache = tierCache;
        this.usage = usage;
        this.changes = changes;
        this.charges = charges;
        this.tx = tx;
        this.clock = clock;
        this.chargeCurrency = chargeCurrency;
        this.sagaWait = sagaWait;
    }

    /** What a change request came to: done, or still waiting for the wallet. */
    public sealed interface Outcome permits Done, Pending {
    }

    public record Done(Subscribed subscribed) implements Outcome {
    }

    public record Pending(UUID sagaId, Tier tier) implements Outcome {
    }

    /**
     * The tutor's subscription and its tier; a tutor who never subscribed is on the free tier. One query:
     * the tier comes from the {@link TierCache}.
     */
    public Mono<Subscribed> current(long tutorId) {
        return subscriptions.findByTutor(tutorId)
                .flatMap(s -> cachedTier(s.tierCode()).map(t -> new Subscribed(s, t)))
                .switchIfEmpty(Mono.defer(() -> cachedTier(Tier.FREE).map(t -> new Subscribed(null, t))));
    }

    public Mono<Outcome> subscribe(long tutorId, String tutorType, String tierCode, Boolean autoRenew) {
        Instant now = clock.instant();
        Mono<Object> decided = offeredTier(tierCode).flatMap(target -> subscriptions.lockByTutor(tutorId)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(current -> subscriptions.hasOpenCharge(tutorId).flatMap(open -> open
                        ? Mono.error(ApiException.conflict(PaidTierSaga.CHARGE_IN_PROGRESS)) : Mono.just(current)))
                .flatMap(current -> usage.usage(tutorId)
                        .map(used -> SubscriptionRules.subscribe(current.orElse(null), tutorId, tutorType, target,
                                autoRenew, used, now)))
                .onErrorMap(PlanRefused.class, refused -> ApiException.badRequest(refused.getMessage()))
                .flatMap(change -> {
                    if (!SubscriptionRules.startsPaidPeriod(change)) {
                        return changes.apply(change, target, "subscribe", now).map(Done::new);
                    }
                    long price = target.priceMinor(chargeCurrency).orElseThrow(() -> ApiException.badRequest(
                            "The " + target.name() + " tier cannot be bought in " + chargeCurrency + " yet"));
                    return price == 0 ? changes.apply(change, target, "subscribe", now).map(Done::new)
                            : charges.start(PaidTierSaga.SUBSCRIBE, tutorId, change.next().tutorType(), target,
                            change.next().autoRenew(), price, chargeCurrency, change.next(), now);
                }));
        return tx.transactional(decided).flatMap(result -> result instanceof SagaInstance<?> saga
                ? awaitCharge(saga.sagaId()) : Mono.just((Outcome) result));
    }

    private Mono<Outcome> awaitCharge(UUID sagaId) {
        return charges.awaitOutcome(sagaId, sagaWait).flatMap(saga -> switch (saga.state()) {
            case COMPLETED -> current(saga.data().tutorId()).map(s -> (Outcome) new Done(s));
            case FAILED -> Mono.error(ApiException.badRequest(saga.failure()));
            default -> tier(saga.data().tierCode()).map(t -> (Outcome) new Pending(saga.sagaId(), t));
        });
    }

    /** One of the tutor's paid changes by its saga id; another tutor's reads as not found. */
    public Mono<SubscriptionViews.Change> change(long tutorId, String sagaId) {
        UUID id;
        try {
            id = UUID.fromString(sagaId);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.invalidField("saga_id", "saga_id must be a UUID"));
        }
        return charges.find(id)
                .filter(saga -> saga.data().tutorId() == tutorId)
                .map(saga -> new SubscriptionViews.Change(saga.sagaId().toString(), saga.data().kind(),
                        saga.data().tierCode(), switch (saga.state()) {
                            case COMPLETED -> "completed";
                            case FAILED -> "refused";
                            default -> "pending";
                        }, saga.failure(), saga.data().requestedAt(), saga.updatedAt()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Subscription change not found")));
    }

    private Mono<Tier> cachedTier(String code) {
        return tierCache.find(code).switchIfEmpty(Mono.error(() -> new IllegalStateException("tier " + code + " is missing")));
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
}
