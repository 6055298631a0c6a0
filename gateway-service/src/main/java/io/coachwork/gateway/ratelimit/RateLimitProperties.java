package io.coachwork.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user token bucket at the edge ({@code coachwork.rate-limit.*}).
 *
 * @param enabled         turn the limit off entirely
 * @param replenishRate   requests per second a caller may sustain
 * @param burstCapacity   requests a caller may make at once (bucket size, at least the replenish rate)
 * @param syncInterval    how often each gateway instance hands the tokens it gave out to the shared buckets in
 *                        Redis and takes their levels back (the longest a caller's requests on one instance
 *                        go unseen by the others)
 * @param trustedProxies  how many proxies in front of the gateway append to X-Forwarded-For; 0 means the
 *                        TCP peer is the client (anonymous callers are keyed by IP)
 */
@ConfigurationProperties("coachwork.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("20") int replenishRate,
                                  @DefaultValue("40") long burstCapacity,
                                  @DefaultValue("100ms") Duration syncInterval,
                                  @DefaultValue("0") int trustedProxies) {

    public RateLimitProperties {
        if (replenishRate < 1) {
            throw new IllegalArgumentException("coachwork.rate-limit.replenish-rate must be at least 1");
        }
        if (burstCapacity < replenishRate) {
            throw new IllegalArgumentException("coachwork.rate-limit.burst-capacity (" + burstCapacity
                    + ") must be at least coachwork.rate-limit.replenish-rate (" + replenishRate + ")");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("coachwork.rate-limit.sync-interval must be positive");
        }
    }
}
