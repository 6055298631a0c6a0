package io.coachwork.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.gateway.support.Downstreams;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.web.ApiErrorWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Gateway instances sharing their callers' buckets through the machine's Redis, and going on without it. */
class SharedRateLimiterTest {

    /** One token per second and a burst of two: Redis' own clock adds almost nothing while a test runs. */
    private static final RateLimitProperties LIMITS = new RateLimitProperties(true, 1, 2, Duration.ofSeconds(1), 0);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final LettuceConnectionFactory redis = connect(6379);
    private final LettuceConnectionFactory deadRedis = connect(Downstreams.closedPort());
    private final String caller = "user:" + UUID.randomUUID();

    @AfterEach
    void close() {
        redis.destroy();
        deadRedis.destroy();
    }

    @Test
    void anInstanceLearnsWhatTheOthersLetThroughAndTheExcessIsPaidBack() {
        SharedRateLimiter first = new SharedRateLimiter(LIMITS, new ReactiveStringRedisTemplate(redis), clock);
        SharedRateLimiter second = new SharedRateLimiter(LIMITS, new ReactiveStringRedisTemplate(redis), clock);

        assertThat(first.tryConsume(caller).allowed()).isTrue();
        assertThat(first.tryConsume(caller).allowed()).isTrue();
        assertThat(first.tryConsume(caller).allowed()).isFalse();
        handOver(first);
        assertThat(sharedTokens()).isBetween(0.0, 0.5);

        // The second instance has not seen this caller: its own full bucket lets one through (the documented
        // excess of one interval), and the hand-over that follows brings it to the shared level.
        assertThat(second.tryConsume(caller).allowed()).isTrue();
        handOver(second);
        assertThat(sharedTokens()).as("the excess is owed").isBetween(-1.0, -0.5);
        assertThat(second.tryConsume(caller)).isEqualTo(new TokenBucket.Decision(false, 0, 1_000));

        // Nothing taken on the first since its hand-over: nothing to send, and it still refuses.
        handOver(first);
        assertThat(first.tryConsume(caller).allowed()).isFalse();
        assertThat(sharedTokens()).isBetween(-1.0, -0.5);
    }

    @Test
    void eachTokenIsChargedOnceHoweverManyPassesRun() {
        SharedRateLimiter limiter = new SharedRateLimiter(LIMITS, new ReactiveStringRedisTemplate(redis), clock);
        limiter.tryConsume(caller);

        handOver(limiter);
        handOver(limiter);
        handOver(limiter);

        assertThat(sharedTokens()).isBetween(1.0, 1.5);
    }

    @Test
    void withRedisDownEachInstanceLimitsByItselfAndHandsTheTokensOverOnceItIsBack() {
        AtomicReference<LettuceConnectionFactory> current = new AtomicReference<>(deadRedis);
        SharedRateLimiter limiter = new SharedRateLimiter(LIMITS, new ReactiveStringRedisTemplate(switchingTo(current)), clock);
        UserRateLimitFilter filter = new UserRateLimitFilter(limiter, LIMITS, new ApiErrorWriter(JsonMapper.builder().build()));
        String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        AtomicInteger passed = new AtomicInteger();
        List<HttpStatusCode> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/webhooks/stripe")
                    .remoteAddress(new InetSocketAddress(address, 40000)));
            StepVerifier.create(filter.filter(exchange, ex -> Mono.fromRunnable(passed::incrementAndGet)))
                    .expectComplete()
                    .verify(WAIT);
            statuses.add(exchange.getResponse().getStatusCode());
            assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("2");
        }
        assertThat(passed).hasValue(2);
        assertThat(statuses).containsExactly(null, null, HttpStatus.TOO_MANY_REQUESTS);

        handOver(limiter);
        current.set(redis);
        handOver(limiter);

        assertThat(sharedTokens("ip:" + address)).as("both tokens charged once Redis answers").isBetween(0.0, 0.5);
    }

    private static ReactiveRedisConnectionFactory switchingTo(AtomicReference<LettuceConnectionFactory> current) {
        return new ReactiveRedisConnectionFactory() {
            @Override
            public ReactiveRedisConnection getReactiveConnection() {
                return current.get().getReactiveConnection();
            }

            @Override
            public ReactiveRedisClusterConnection getReactiveClusterConnection() {
                return current.get().getReactiveClusterConnection();
            }

            @Override
            public DataAccessException translateExceptionIfPossible(RuntimeException e) {
                return current.get().translateExceptionIfPossible(e);
            }
        };
    }

    private void handOver(SharedRateLimiter limiter) {
        StepVerifier.create(limiter.handOver()).expectComplete().verify(WAIT);
    }

    private double sharedTokens() {
        return sharedTokens(caller);
    }

    private double sharedTokens(String key) {
        String tokens = new ReactiveStringRedisTemplate(redis).<String, String>opsForHash()
                .get(SharedRateLimiter.KEY_PREFIX + key, "tokens").block(WAIT);
        assertThat(tokens).as("the shared bucket").isNotNull();
        return Double.parseDouble(tokens);
    }

    private static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
