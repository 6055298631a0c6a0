package io.coachwork.subscription.renewal;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.subscription.plan.PlanChanges;
import io.coachwork.subscription.plan.SubscriptionRepository;
import io.coachwork.subscription.plan.SubscriptionRules;
import io.coachwork.subscription.plan.PaidTierSaga;
import io.coachwork.subscription.plan.TutorSubscription;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Renews, charges or expires subscriptions whose period has ended. Runs hourly and on demand;
 * batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas running it together share
 * the work, and read whole before anything is written on the batch's connection. A past-due subscription is charged again on every run until its grace period ends.
 */
@Component
public class RenewalJob {

    private static final Logger log = LoggerFactory.getLogger(RenewalJob.class);
    private static final int BATCH = 100;

    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final PlanChanges changes;
    private final PaidTierSaga charges;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final String chargeCurrency;
    private final Duration grace;

    public RenewalJob(SubscriptionRepository subscriptions, TierRepository tiers, PlanChanges changes,
                      PaidTierSaga charges, TransactionalOperator tx, Clock clock,
                      @Value("${coachwork.subscription.charge-currency:NGN}") String chargeCurrency,
                      @Value("${coachwork.subscription.grace-period:3d}") Duration grace) {
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.changes = changes;
        this.charges = charges;
        this.tx = tx;
        this.clock = clock;
        this.chargeCurrency = chargeCurrency;
        this.grace = grace;
    }

    /** What one run did: renewed free of charge, charges sent to the wallet, returned to free. */
    public record Report(int renewed, int charging, int expired) {

        Report plus(Report other) {
            return new Report(renewed + other.renewed, charging + other.charging, expired + other.expired);
        }
    }

    @Scheduled(cron = "${coachwork.subscription.renewal-cron:0 5 * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "renewal run", run(),
                r -> log.info("renewals: {} renewed, {} charging, {} expired", r.renewed(), r.charging(), r.expired()));
    }

    public Mono<Report> run() {
        Instant now = clock.instant();
        return batch(now)
                .expand(b -> b.size() == BATCH ? batch(now) : Mono.empty())
                .map(Batch::report)
                .reduce(new Report(0, 0, 0), Report::plus);
    }

    private record Batch(int size, Report report) {
    }

    private Mono<Batch> batch(Instant now) {
        return tx.transactional(subscriptions.claimEnded(now, BATCH)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(s -> settle(s, now))
                        .collectList())
                .map(actions -> new Batch(actions.size(), new Report(
                        count(actions, SubscriptionRules.RenewalAction.RENEW),
                        count(actions, SubscriptionRules.RenewalAction.CHARGE),
                        count(actions, SubscriptionRules.RenewalAction.EXPIRE))));
    }

    private static int count(java.util.List<SubscriptionRules.RenewalAction> actions, SubscriptionRules.RenewalAction a) {
        return (int) actions.stream().filter(x -> x == a).count();
    }

    private Mono<SubscriptionRules.RenewalAction> settle(TutorSubscription subscription, Instant now) {
        // The two tiers are read in turn: inside the batch's transaction both reads share one connection, which
        // answers one query at a time (a zip there can stall it for good; docs/performance.md, sixth pass).
        return tiers.find(subscription.tierCode()).zipWhen(own -> tiers.find(Tier.FREE)).flatMap(found -> {
            Tier tier = found.getT1();
            // A tier that cannot be charged in the wallet's currency cannot renew: treat it as refused.
            long price = tier.priceMinor(chargeCurrency).orElse(Long.MAX_VALUE);
            SubscriptionRules.RenewalAction action = SubscriptionRules.renewal(subscription, tier, price, grace, now);
            Mono<?> done = switch (action) {
                case RENEW -> changes.apply(SubscriptionRules.renewed(subscription, tier, now), tier, "renewal", now);
                case EXPIRE -> changes.apply(SubscriptionRules.expired(subscription, now), found.getT2(), "expiry", now);
                case CHARGE -> price == Long.MAX_VALUE
                        ? changes.apply(SubscriptionRules.pastDue(subscription, now), tier, "renewal", now)
                        : charges.start(PaidTierSaga.RENEWAL, subscription.tutorId(), subscription.tutorType(), tier, true,
                        price, chargeCurrency, SubscriptionRules.renewed(subscription, tier, now).next(), now);
                case NOT_DUE -> Mono.empty();
            };
            return done.thenReturn(action);
        });
    }
}
