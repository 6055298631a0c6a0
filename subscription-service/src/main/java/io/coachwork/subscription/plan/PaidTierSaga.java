package io.coachwork.subscription.plan;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ChargeSubscription;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionChargeRefused;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionCharged;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import io.coachwork.subscription.tier.Money;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The paid-tier saga: subscription-service orchestrates, wallet-service charges. A charge is a
 * row in {@code charge_saga} plus a ChargeSubscription command, written together; the wallet's
 * reply completes the change (or refuses it) exactly once. A command whose reply is overdue is sent
 * again with the same saga id, which wallet-service answers with its first reply.
 */
@Component
public class TierChargeSaga {

    private static final Logger log = LoggerFactory.getLogger(TierChargeSaga.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ChargeSagaRepository sagas;
    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final PlanChanges changes;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration resendAfter;

    public TierChargeSaga(ChargeSagaRepository sagas, SubscriptionRepository subscriptions, TierRepository tiers,
                          PlanChanges changes, OutboxWriter outbox, TransactionalOperator tx, Clock clock,
                          @Value("${coachwork.subscription.charge-resend-after:60s}") Duration resendAfter) {
        this.sagas = sagas;
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.changes = changes;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.resendAfter = resendAfter;
    }

    /** Records the charge and sends its command; call inside the transaction that decided it. */
    public Mono<ChargeSaga> start(String kind, long tutorId, String tutorType, Tier tier, boolean autoRenew,
                                  long amountMinor, String currency, Instant now) {
        ChargeSaga saga = new ChargeSaga(UUID.randomUUID(), tutorId, kind, tier.code(), tutorType, autoRenew,
                amountMinor, currency, ChargeSaga.CHARGING, null, now);
        return sagas.insert(saga, now)
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict(
                        "A payment for your subscription is already in progress; try again in a moment"))
                .flatMap(this::sendCommand);
    }

    private Mono<ChargeSaga> sendCommand(ChargeSaga saga) {
        ChargeSubscription command = new ChargeSubscription(saga.sagaId().toString(), saga.tutorId(), saga.tierCode(),
                saga.amountMinor(), saga.currency(), saga.commandSentAt(), Topics.SUBSCRIPTION_SAGA_REPLIES);
        return outbox.append(Topics.WALLET_COMMANDS, Long.toString(saga.tutorId()), EventTypes.CHARGE_SUBSCRIPTION, command)
                .thenReturn(saga);
    }

    /**
     * Waits (without blocking a thread) until the saga is settled or {@code wait} has passed. The
     * deadline is checked between polls rather than with {@code timeout()}, which would cancel a
     * query in flight and can leave its pooled R2DBC connection unusable.
     */
    public Mono<ChargeSaga> awaitOutcome(UUID sagaId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return Mono.defer(() -> sagas.find(sagaId))
                .filter(saga -> !ChargeSaga.CHARGING.equals(saga.state()) || System.nanoTime() - deadline >= 0)
                .repeatWhenEmpty(polls -> polls.delayElements(POLL));
    }

    /** The wallet took the money: apply the change the tutor asked for, or the renewal. */
    public Mono<Void> charged(SubscriptionCharged reply) {
        Instant now = clock.instant();
        return sagas.lockCharging(UUID.fromString(reply.sagaId()))
                .flatMap(saga -> tiers.find(saga.tierCode()).flatMap(tier -> subscriptions.lockByTutor(saga.tutorId())
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(current -> {
                            PlanChange change = ChargeSaga.RENEWAL.equals(saga.kind()) && current.isPresent()
                                    ? SubscriptionRules.renewed(current.get(), tier, now)
                                    // Usage was checked when the tutor asked; the money is taken, so the change stands.
                                    : SubscriptionRules.subscribe(current.orElse(null), saga.tutorId(), saga.tutorType(),
                                    tier, saga.autoRenew(), Map.of(), now);
                            return changes.apply(change, tier, saga.kind(), now);
                        })
                        .then(sagas.finish(saga.sagaId(), ChargeSaga.COMPLETED, null, reply.transactionRef(), now))));
    }

    /** The wallet refused: a new subscription is refused; a renewal makes the subscription past due. */
    public Mono<Void> refused(SubscriptionChargeRefused reply) {
        Instant now = clock.instant();
        return sagas.lockCharging(UUID.fromString(reply.sagaId()))
                .flatMap(saga -> tiers.find(saga.tierCode()).flatMap(tier -> {
                    String message = refusalMessage(reply, tier);
                    Mono<Void> pastDue = ChargeSaga.RENEWAL.equals(saga.kind())
                            ? subscriptions.lockByTutor(saga.tutorId())
                            .flatMap(current -> changes.apply(SubscriptionRules.pastDue(current, now), tier, "renewal", now))
                            .then()
                            : Mono.empty();
                    return pastDue.then(sagas.finish(saga.sagaId(), ChargeSaga.REFUSED, message, null, now));
                }));
    }

    static String refusalMessage(SubscriptionChargeRefused reply, Tier tier) {
        if (reply.requiredMinor() > reply.availableMinor()) {
            return "Insufficient wallet balance to subscribe to the " + tier.name() + " tier. Required: "
                    + Money.display(reply.requiredMinor()) + " " + reply.currency() + ", Available: "
                    + Money.display(reply.availableMinor()) + " " + reply.currency();
        }
        return "Your wallet could not be charged for the " + tier.name() + " tier: " + reply.reason();
    }

    @Scheduled(fixedDelayString = "${coachwork.subscription.charge-resend-interval:30s}")
    public Mono<Void> resendOverdue() {
        Instant now = clock.instant();
        return ScheduledRuns.logged(log, "resending overdue charges",
                tx.transactional(sagas.claimOverdue(now.minus(resendAfter), now, 100).concatMap(this::sendCommand).collectList()),
                resent -> resent.forEach(saga -> log.info("resent ChargeSubscription for saga {}", saga.sagaId())));
    }
}
