package io.coachwork.wallet.packages;

import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Daily: paid purchases past their validity expire and their unused credits are forfeited (the
 * platform refunds nothing after expiry). Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas never expire one purchase twice; a purchase expired once is never claimed again.
 */
@Component
public class PackageExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(PackageExpiryJob.class);
    static final int BATCH = 100;

    private final PurchaseRepository purchases;
    private final PackagePurchases credits;
    private final TransactionalOperator tx;
    private final Clock clock;

    public PackageExpiryJob(PurchaseRepository purchases, PackagePurchases credits, TransactionalOperator tx, Clock clock) {
        this.purchases = purchases;
        this.credits = credits;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(cron = "${coachwork.packages.expiry-cron:0 15 0 * * *}", zone = "UTC")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "package credit expiry", run(), r -> {
            if (r.purchasesExpired() > 0) {
                log.info("package credit expiry: {} purchases, {} credits expired", r.purchasesExpired(),
                        r.creditsExpired());
            }
        });
    }

    public Mono<PackageViews.ExpiryReport> run() {
        Instant now = clock.instant();
        return batch(now)
                .expand(r -> r.purchasesExpired() == BATCH ? batch(now) : Mono.empty())
                .reduce(new PackageViews.ExpiryReport(0, 0), (a, b) -> new PackageViews.ExpiryReport(
                        a.purchasesExpired() + b.purchasesExpired(), a.creditsExpired() + b.creditsExpired()));
    }

    /** One batch in one transaction: claim (rows collected first), then expire each in turn. */
    private Mono<PackageViews.ExpiryReport> batch(Instant now) {
        return tx.transactional(purchases.claimExpired(now, BATCH).flatMap(claimed -> Flux.fromIterable(claimed)
                .concatMap(p -> credits.expire(p, now).thenReturn(p.sessionCount() - p.creditsUsed() - p.creditsExpired()))
                .reduce(0, Integer::sum)
                .map(n -> new PackageViews.ExpiryReport(claimed.size(), n))));
    }
}
