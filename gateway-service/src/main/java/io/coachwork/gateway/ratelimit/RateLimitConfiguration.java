package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.web.ApiErrorWriter;
import io.lettuce.core.ClientOptions;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Per-caller token buckets, decided in each gateway instance and shared through Redis, on every routed request. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "coachwork.rate-limit.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    /**
     * On the system clock, not the application's {@link Clock} bean: the local buckets mirror the shared ones,
     * which Redis refills on its own real clock, so they must refill at the same real pace (a test's frozen
     * clock would never refill them).
     */
    @Bean
    SharedRateLimiter sharedRateLimiter(RateLimitProperties properties, ReactiveStringRedisTemplate redis) {
        return new SharedRateLimiter(properties, redis, Clock.systemUTC());
    }

    @Bean
    UserRateLimitFilter userRateLimitFilter(SharedRateLimiter limiter, RateLimitProperties properties,
                                            ApiErrorWriter errors) {
        return new UserRateLimitFilter(limiter, properties, errors);
    }

    /**
     * While Redis is unreachable, fail commands at once instead of queueing them until it returns:
     * the hand-over is then retried on the next pass, and requests are limited per instance meanwhile.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
