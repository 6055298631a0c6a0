package io.coachwork.subscription.renewal;

import io.coachwork.subscription.plan.PlanChange;
import io.coachwork.subscription.plan.SubscriptionRules;
import io.coachwork.subscription.plan.SubscriptionService;
import io.coachwork.subscription.plan.TutorSubscription;
import io.coachwork.subscription.tier.Tier;
import io.coachwork.subscription.tier.TierRepository;
import io.coachwork.subscription.plan.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Renews or expires subscriptions whose period has ended. Runs hourly and on demand; batches are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas running it together share the work.
 */
@Component
public class RenewalJob {

    private static final Logger log = LoggerFactory.getLogger(RenewalJob.class);
    private static final int BATCH = 100;

    private final SubscriptionRepository subscriptions;
    private final TierRepository tiers;
    private final SubscriptionService service;
    private final TransactionalOperator tx;
    private final Clock clock;

    public RenewalJob(SubscriptionRepository subscriptions, TierRepository tiers, SubscriptionService service,
                      TransactionalOperator tx, Clock clock) {
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.service = service;
        this.tx = tx;
        this.clock = clock;
    }

    public record Report(int renewed, int expired) {

        Report plus(Report other) {
            return new Report(renewed + other.renewed, expired + other.expired);
        }
    }

    @Scheduled(cron = "${coachwork.subscription.renewal-cron:0 5 * * * *}")
    public Mono<Void> scheduled() {
        return run().doOnNext(r -> log.info("renewals: {} renewed, {} expired", r.renewed(), r.expired()))
                .onErrorResume(e -> {
                    log.error("renewal run failed; the next run picks up where it stopped", e);
                    return Mono.empty();
                })
                .then();
    }

    public Mono<Report> run() {
        Instant now = clock.instant();
        return batch(now)
                .expand(b -> b.size() == BATCH ? batch(now) : Mono.empty())
                .map(Batch::report)
                .reduce(new Report(0, 0), Report::plus);
    }

    private record Batch(int size, Report report) {
    }

    private Mono<Batch> batch(Instant now) {
        return tx.transactional(subscriptions.claimEnded(now, BATCH)
                        .concatMap(s -> settle(s, now))
                        .collectList())
                .map(kinds -> new Batch(kinds.size(), new Report(
                        (int) kinds.stream().filter(k -> k == PlanChange.Kind.RENEWED).count(),
                        (int) kinds.stream().filter(k -> k == PlanChange.Kind.EXPIRED).count())));
    }

    private Mono<PlanChange.Kind> settle(TutorSubscription subscription, Instant now) {
        return tiers.find(subscription.tierCode()).zipWith(tiers.find(Tier.FREE)).flatMap(found -> {
            PlanChange change = SubscriptionRules.renewOrExpire(subscription, found.getT1(), now);
            Tier after = change.kind() == PlanChange.Kind.EXPIRED ? found.getT2() : found.getT1();
            String reason = change.kind() == PlanChange.Kind.EXPIRED ? "expiry" : "renewal";
            return service.apply(change, after, reason, now).thenReturn(change.kind());
        });
    }
}
