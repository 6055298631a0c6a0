package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.web.ApiErrorWriter;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring Cloud Gateway's Redis token bucket (Lua script, atomic in Redis), applied to every routed request. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "coachwork.rate-limit.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    /**
     * Replaces the gateway's own {@code redisRateLimiter} (which has no default configuration); it
     * picks up the Redis template and the Lua script from the context when it is initialised.
     */
    @Bean
    RedisRateLimiter redisRateLimiter(RateLimitProperties properties) {
        return new RedisRateLimiter(properties.replenishRate(), properties.burstCapacity());
    }

    @Bean
    UserRateLimitFilter userRateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties,
                                            ApiErrorWriter errors) {
        return new UserRateLimitFilter(limiter, properties, errors);
    }

    /**
     * While Redis is unreachable, fail commands at once instead of queueing them until it returns:
     * the limiter then lets traffic through straight away.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
