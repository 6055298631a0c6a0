package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.web.ApiErrorWriter;
import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One token bucket per caller across the whole API: keyed by the JWT subject, or by client IP for
 * anonymous calls (Stripe webhooks). Runs on routed requests after security, so the caller is
 * known. Decided by {@link SharedRateLimiter} without a round trip. A refused request gets 429 in the
 * envelope with {@code Retry-After}; every answer carries the {@code X-RateLimit-*} headers.
 */
public class UserRateLimitFilter implements GlobalFilter, Ordered {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";
    static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";

    private final SharedRateLimiter limiter;
    private final RateLimitProperties properties;
    private final ApiErrorWriter errors;
    private final RemoteAddressResolver addresses;
    private final String burstCapacity;
    private final String replenishRate;

    public UserRateLimitFilter(SharedRateLimiter limiter, RateLimitProperties properties, ApiErrorWriter errors) {
        this.limiter = limiter;
        this.properties = properties;
        this.errors = errors;
        this.addresses = properties.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies())
                : new RemoteAddressResolver() {
                };
        this.burstCapacity = Long.toString(properties.burstCapacity());
        this.replenishRate = Integer.toString(properties.replenishRate());
    }

    @Override
    public int getOrder() {
        return -1000;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return key(exchange).flatMap(key -> {
            TokenBucket.Decision decision = limiter.tryConsume(key);
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(REMAINING_HEADER, Long.toString(decision.remaining()));
            headers.set(BURST_CAPACITY_HEADER, burstCapacity);
            headers.set(REPLENISH_RATE_HEADER, replenishRate);
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            long retryAfter = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            return errors.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, message(retryAfter));
        });
    }

    private Mono<String> key(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(Principal::getName)
                .map(sub -> "user:" + sub)
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientIp(exchange)));
    }

    private String clientIp(ServerWebExchange exchange) {
        InetSocketAddress address = addresses.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    String message(long retryAfter) {
        return "Too many requests. Limit: " + properties.replenishRate() + " requests per second (bursts of up to "
                + properties.burstCapacity() + "); retry after " + retryAfter + (retryAfter == 1 ? " second." : " seconds.");
    }
}
