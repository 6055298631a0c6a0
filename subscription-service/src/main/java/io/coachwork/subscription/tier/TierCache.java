package io.coachwork.subscription.tier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tiers by code in memory for the reads every request makes (GET subscription, limits and limit
 * checks): the catalogue changes a few times a year, and reading it took two of the three queries of a
 * GET subscription (docs/performance.md). Emptied when this instance changes a tier
 * ({@link TierCatalogue}) and when any instance announces a change ({@link TierUpdatesListener}).
 * Changes of plan and the paid-tier saga read the database, not this cache.
 */
@Component
public class TierCache {

    private final TierRepository tiers;
    private final Map<String, Tier> byCode = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a read that started before one does not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    public TierCache(TierRepository tiers) {
        this.tiers = tiers;
    }

    /** The tier, from memory after the first read; empty if there is no such tier. */
    public Mono<Tier> find(String code) {
        Tier cached = byCode.get(code);
        if (cached != null) {
            return Mono.just(cached);
        }
        return Mono.defer(() -> {
            long readAt = generation.get();
            return tiers.find(code).doOnNext(tier -> {
                if (generation.get() == readAt) {
                    byCode.put(code, tier);
                }
            });
        });
    }

    public void invalidate() {
        generation.incrementAndGet();
        byCode.clear();
    }
}
