package io.coachwork.subscription.tier;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.TierUpdated;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Admin changes to the tier catalogue. An edited or withdrawn tier is announced (tier_updated) in
 * the same transaction, so wallet-service applies it to every tutor on the tier at once.
 */
@Service
public class TierCatalogue {

    private final TierRepository tiers;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final TierCache cache;

    public TierCatalogue(TierRepository tiers, OutboxWriter outbox, TransactionalOperator tx, TierCache cache) {
        this.tiers = tiers;
        this.outbox = outbox;
        this.tx = tx;
        this.cache = cache;
    }

    public Mono<List<Tier>> list(boolean includeInactive) {
        return tiers.findAll(includeInactive).collectList();
    }

    public Mono<Tier> get(String code) {
        return tiers.find(code).switchIfEmpty(Mono.error(() -> ApiException.notFound("Tier not found: " + code)));
    }

    public Mono<Tier> create(TierRequest request) {
        if (request.code() == null) {
            return Mono.error(ApiException.invalidField("code", "code is required"));
        }
        return Mono.defer(() -> {
            validate(request, request.code());
            return changed(tiers.find(request.code())
                    .flatMap(existing -> Mono.<Tier>error(ApiException.conflict("Tier " + request.code() + " already exists")))
                    .switchIfEmpty(Mono.defer(() -> tiers.findAll(true).map(Tier::sortOrder).reduce(0, Math::max)
                            .flatMap(maxSort -> {
                                Tier tier = request.toTier(request.code(), maxSort + 1);
                                return tiers.insert(tier).then(tiers.find(tier.code()));
                            }))));
        });
    }

    public Mono<Tier> replace(String code, TierRequest request) {
        return Mono.defer(() -> {
            validate(request, code);
            return changed(get(code).flatMap(existing -> {
                Tier updated = request.toTier(code, existing.sortOrder());
                if (!updated.active() && existing.active()) {
                    return refuseIfSubscribed(code).then(tiers.update(updated));
                }
                return tiers.update(updated);
            }).then(tiers.find(code)).flatMap(this::announced));
        });
    }

    /** Tiers are withdrawn, never deleted: past subscriptions and audit rows keep pointing at them. */
    public Mono<Tier> deactivate(String code) {
        if (Tier.FREE.equals(code)) {
            return Mono.error(ApiException.badRequest("The free tier cannot be withdrawn: it is every tutor's default"));
        }
        return changed(get(code)
                .flatMap(tier -> refuseIfSubscribed(code)
                        .then(tiers.update(new Tier(tier.code(), tier.name(), tier.limits(), tier.unlimitedCoaching(),
                                tier.commissionRate(), tier.billingPeriodDays(), tier.sortOrder(), false, tier.prices()))))
                .then(tiers.find(code)).flatMap(this::announced));
    }

    /** A change in one transaction; this instance's cache is emptied once it has committed or failed. */
    private Mono<Tier> changed(Mono<Tier> change) {
        return tx.transactional(change).doFinally(signal -> cache.invalidate());
    }

    private Mono<Tier> announced(Tier tier) {
        return outbox.append(Topics.SUBSCRIPTIONS, tier.code(), EventTypes.TIER_UPDATED, new TierUpdated(tier.code(),
                tier.name(), tier.unlimitedCoaching(), Percent.display(tier.commissionRate()), tier.active())).thenReturn(tier);
    }

    private Mono<Void> refuseIfSubscribed(String code) {
        return tiers.countSubscribers(code).flatMap(n -> n > 0
                ? Mono.error(ApiException.conflict(n + " tutor(s) are subscribed to " + code
                + "; move them to another tier before withdrawing it"))
                : Mono.empty());
    }

    private static void validate(TierRequest request, String code) {
        if (new HashSet<>(request.prices().stream().map(TierRequest.PriceRequest::currency).toList()).size()
                != request.prices().size()) {
            throw ApiException.invalidField("prices", "each currency may appear once in prices");
        }
        if (Tier.FREE.equals(code)) {
            if (request.billingPeriodDays() != null) {
                throw ApiException.invalidField("billing_period_days", "the free tier has no billing period");
            }
            if (Boolean.FALSE.equals(request.active())) {
                throw ApiException.invalidField("active", "the free tier cannot be withdrawn");
            }
        } else if (request.billingPeriodDays() == null) {
            throw ApiException.invalidField("billing_period_days", "billing_period_days is required for paid tiers");
        }
    }
}
