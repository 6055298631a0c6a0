package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.web.ApiErrorWriter;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
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
 * known. A refused request gets 429 in the envelope with {@code Retry-After}; every answer carries
 * the {@code X-RateLimit-*} headers. When Redis cannot answer the request goes through (fail open)
 * and a warning is logged, at most every {@link #WARN_EVERY}.
 */
public class UserRateLimitFilter implements GlobalFilter, Ordered {

    /** One bucket per caller for the whole API rather than one per route. */
    static final String BUCKET = "api";
    static final Duration WARN_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(UserRateLimitFilter.class);

    private final RedisRateLimiter limiter;
    private final RateLimitProperties properties;
    private final ApiErrorWriter errors;
    private final RemoteAddressResolver addresses;
    private final AtomicLong lastWarning = new AtomicLong();

    public UserRateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties, ApiErrorWriter errors) {
        this.limiter = limiter;
        this.properties = properties;
        this.errors = errors;
        this.addresses = properties.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies())
                : new RemoteAddressResolver() {
                };
    }

    @Override
    public int getOrder() {
        return -1000;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return key(exchange)
                .flatMap(key -> limiter.isAllowed(BUCKET, key)
                        .timeout(properties.redisTimeout())
                        .onErrorResume(e -> {
                            warn("Rate limiter did not answer in time (" + e + ")");
                            return Mono.just(new RateLimiter.Response(true, Map.of()));
                        }))
                .flatMap(response -> {
                    long remaining = remaining(response);
                    if (remaining < 0) {
                        // RedisRateLimiter reports -1 when the Redis call failed and it let the request through.
                        warn("Redis is unavailable");
                    } else {
                        HttpHeaders headers = exchange.getResponse().getHeaders();
                        response.getHeaders().forEach(headers::set);
                    }
                    if (response.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    long retryAfter = retryAfterSeconds();
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
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

    private static long remaining(RateLimiter.Response response) {
        String value = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Seconds until the bucket holds a token again, at least one. */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1.0 / properties.replenishRate()));
    }

    String message(long retryAfter) {
        return "Too many requests. Limit: " + properties.replenishRate() + " requests per second (bursts of up to "
                + properties.burstCapacity() + "); retry after " + retryAfter + (retryAfter == 1 ? " second." : " seconds.");
    }

    private void warn(String what) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last >= WARN_EVERY.toNanos()) && lastWarning.compareAndSet(last, now == 0 ? 1 : now)) {
            log.warn("{}: requests are let through without a rate limit (fail open) until it answers again", what);
        }
    }
}
