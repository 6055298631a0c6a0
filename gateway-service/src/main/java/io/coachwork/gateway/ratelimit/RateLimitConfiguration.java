package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.web.ApiErrorWriter;
import io.lettuce.core.ClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Spring Cloud Gateway's Redis token bucket (Lua script, atomic in Redis), applied to every routed request. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "coachwork.rate-limit.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    /** The token bucket script shipped with Spring Cloud Gateway. */
    static final String SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

    /**
     * Replaces the gateway's own {@code redisRateLimiter} (which has no default configuration), with
     * the gateway's Lua script read once. Its own script bean reads the script from a classpath
     * resource and, to learn whether it changed, resolves that resource's URL and modification time
     * inside the jar on every request: that was a quarter of the gateway's CPU per request.
     */
    @Bean
    RedisRateLimiter redisRateLimiter(RateLimitProperties properties, ReactiveStringRedisTemplate redis,
                                      ConfigurationService configurationService) throws IOException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        RedisScript<List<Long>> script = (RedisScript) RedisScript.of(
                new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8), List.class);
        RedisRateLimiter limiter = new RedisRateLimiter(redis, script, configurationService);
        limiter.getConfig().put(UserRateLimitFilter.BUCKET, new RedisRateLimiter.Config()
                .setReplenishRate(properties.replenishRate())
                .setBurstCapacity(properties.burstCapacity())
                .setRequestedTokens(1));
        return limiter;
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
