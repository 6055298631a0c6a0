package io.coachwork.subscription.plan;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ChargeSubscription;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionChargeRefused;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionCharged;
import io.coachwork.contracts.subscription.SubscriptionChangeRefused;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.saga.Saga;
import io.coachwork.platform.saga.SagaDefinition;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.saga.SagaInstance;
import io.coachwork.platform.saga.SagaNext;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.money.Money;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The paid-tier saga: subscription-service orchestrates, wallet-service charges. One step,
 * {@code charge}: SubscriptionCharged applies the change the tutor asked for (or the renewal);
 * SubscriptionChargeRefused refuses a new subscription with the wallet's reason (also published as
 * subscription.change_refused) and leaves a renewed subscription past due. The charge is never given up: once sent, the wallet may still take
 * the money, so it is resent (with backoff) until answered and shows in the admin saga view meanwhile.
 * At most one charge per tutor is in flight (a unique index), so plan changes apply in order.
 */
@Component
public class PaidTierSaga implements Saga<PaidTierSaga.Charge> {

    public static final String TYPE = "paid-tier";
    public static final String CHARGE = "charge";
    public static final String SUBSCRIBE = "subscribe";
    public static final String RENEWAL = "renewal";
    static final String CHARGE_IN_PROGRESS =
            "A payment for your subscription is already in progress; try again in a moment";
    /** Resends with backoff capped at the engine's maximum: in practice, until the wallet answers. */
    private static final int UNLIMITED_ATTEMPTS = Integer.MAX_VALUE;

    /** One charge of a paid period: what is charged, and what to apply once it is paid. */
    public record Charge(long tutorId, String kind, String tierCode, String tutorType, boolean autoRenew,
                         long amountMinor, String currency, Instant requestedAt, String transactionRef,
                         Instant periodStart, Instant periodEnd) {

        Charge paid(String ref) {
            return new Charge(tutorId, kind, tierCode, tutorType, autoRenew, amountMinor, currency, requestedAt, ref,
                    periodStart, periodEnd);
        }

        boolean renewal() {
            return RENEWAL.equals(kind);
        }
    }

    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final PlanChanges changes;
    private final ObjectProvider<SagaEngine> engine;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final SagaDefinition<Charge> definition;

    public PaidTierSaga(SubscriptionRepository subscriptions, TierRepository tiers, PlanChanges changes,
                        ObjectProvider<SagaEngine> engine, OutboxWriter outbox, Clock clock) {
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.changes = changes;
        this.engine = engine;
        this.outbox = outbox;
        this.clock = clock;
        this.definition = SagaDefinition.saga(TYPE, Charge.class)
                .lockFirst(SubscriptionRepository.LOCK_FOR_SAGA, Charge::tutorId)
                .step(CHARGE)
                .invoke(Topics.WALLET_COMMANDS, EventTypes.CHARGE_SUBSCRIPTION, c -> Long.toString(c.tutorId()),
                        // The period the invoice names: the one the charge is expected to pay for. Charges
                        // recorded before periods were carried (null) are invoiced from the request time.
                        (id, c) -> new ChargeSubscription(id.toString(), c.tutorId(), c.tierCode(), c.amountMinor(),
                                c.currency(), c.periodStart() != null ? c.periodStart() : c.requestedAt(),
                                Topics.SUBSCRIPTION_SAGA_REPLIES, c.periodEnd()))
                .onReply(EventTypes.SUBSCRIPTION_CHARGED, SubscriptionCharged.class, this::charged)
                .onReply(EventTypes.SUBSCRIPTION_CHARGE_REFUSED, SubscriptionChargeRefused.class, this::refused)
                .maxAttempts(UNLIMITED_ATTEMPTS)
                .build();
    }

    @Override
    public SagaDefinition<Charge> definition() {
        return definition;
    }

    /**
     * Records the charge and sends its command; call inside the transaction that decided it. {@code period}
     * is the subscription as the charge is expected to leave it: its dates are the period the invoice names.
     */
    public Mono<SagaInstance<Charge>> start(String kind, long tutorId, String tutorType, Tier tier, boolean autoRenew,
                                            long amountMinor, String currency, TutorSubscription period, Instant now) {
        return engine.getObject().start(definition, CHARGE, new Charge(tutorId, kind, tier.code(), tutorType, autoRenew,
                        amountMinor, currency, now, null, period.startDate(), period.endDate()))
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict(CHARGE_IN_PROGRESS));
    }

    /** Waits (bounded, woken by the reply) until the charge is answered. */
    public Mono<SagaInstance<Charge>> awaitOutcome(UUID sagaId, Duration wait) {
        return engine.getObject().await(definition, sagaId, wait);
    }

    public Mono<SagaInstance<Charge>> find(UUID sagaId) {
        return engine.getObject().find(definition, sagaId);
    }

    /** The wallet took the money: apply the change the tutor asked for, or the renewal. */
    private Mono<SagaNext<Charge>> charged(SagaInstance<Charge> saga, SubscriptionCharged reply) {
        Instant now = clock.instant();
        Charge charge = saga.data();
        return tiers.find(charge.tierCode()).flatMap(tier -> subscriptions.lockByTutor(charge.tutorId())
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(current -> {
                            PlanChange change = charge.renewal() && current.isPresent()
                                    ? SubscriptionRules.renewed(current.get(), tier, now)
                                    // Usage was checked when the tutor asked; the money is taken, so the change stands.
                                    : SubscriptionRules.subscribe(current.orElse(null), charge.tutorId(),
                                    charge.tutorType(), tier, charge.autoRenew(), Map.of(), now);
                            return changes.apply(change, tier, charge.kind(), now);
                        }))
                .thenReturn(SagaNext.complete(charge.paid(reply.transactionRef())));
    }

    /** The wallet refused: a new subscription is refused; a renewal makes the subscription past due. */
    private Mono<SagaNext<Charge>> refused(SagaInstance<Charge> saga, SubscriptionChargeRefused reply) {
        Instant now = clock.instant();
        Charge charge = saga.data();
        return tiers.find(charge.tierCode()).flatMap(tier -> {
            String message = refusalMessage(reply, tier);
            // A refused renewal is announced by the past-due change; a refused change by its own event,
            // since the tutor may have been answered 202 (pending) and be waiting for it.
            Mono<?> announced = charge.renewal()
                    ? subscriptions.lockByTutor(charge.tutorId())
                    .flatMap(current -> changes.apply(SubscriptionRules.renewalRefused(current, charge.tierCode(), now), tier,
                            RENEWAL, now))
                    : outbox.append(Topics.SUBSCRIPTIONS, Long.toString(charge.tutorId()),
                    EventTypes.SUBSCRIPTION_CHANGE_REFUSED, new SubscriptionChangeRefused(saga.sagaId().toString(),
                            charge.tutorId(), charge.tierCode(), message));
            return announced.thenReturn(SagaNext.fail(message, charge));
        });
    }

    static String refusalMessage(SubscriptionChargeRefused reply, Tier tier) {
        if (reply.requiredMinor() > reply.availableMinor()) {
            return "Insufficient wallet balance to subscribe to the " + tier.name() + " tier. Required: "
                    + Money.of(reply.requiredMinor(), reply.currency()).text() + ", Available: "
                    + Money.of(reply.availableMinor(), reply.currency()).text();
        }
        return "Your wallet could not be charged for the " + tier.name() + " tier: " + reply.reason();
    }
}
