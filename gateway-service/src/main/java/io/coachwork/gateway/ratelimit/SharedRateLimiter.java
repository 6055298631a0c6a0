package io.coachwork.gateway.ratelimit;

import io.coachwork.platform.jobs.BackgroundStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-caller token buckets shared by every gateway instance through Redis, decided locally.
 *
 * <p>A request is decided by this instance's copy of the caller's bucket, with no round trip: a Redis call
 * per request was a fifth of the gateway's CPU (docs/performance.md). Every {@code sync-interval} the tokens
 * each caller took here since the last hand-over go to Redis in one script call for all of them, and the
 * shared level that comes back (every instance's requests charged) becomes the local one. One instance is
 * therefore exact; with several, a caller spread over them can get up to one burst from each between two
 * hand-overs, and that excess is paid back from the shared bucket afterwards.
 * While Redis does not answer, each instance goes on limiting by itself and hands the tokens over later.
 */
public class SharedRateLimiter extends BackgroundStream {

    /** Script that charges hand-overs to the shared buckets and answers their levels. */
    static final String SCRIPT = "scripts/rate_limit_handover.lua";
    /**
     * One bucket per caller for the whole API rather than one per route; one hash tag ({@code {api}}) for all
     * of them, so that a clustered Redis keeps them in one slot (one script call).
     */
    static final String KEY_PREFIX = "rate-limit:{api}:";
    /** At most one warning this often while Redis does not take the hand-overs. */
    static final Duration WARN_EVERY = Duration.ofSeconds(30);
    /** Callers per script call: one call should not hold Redis up for long. */
    static final int KEYS_PER_CALL = 500;

    private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final RateLimitProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final Clock clock;
    private final AtomicLong lastWarning = new AtomicLong();

    public SharedRateLimiter(RateLimitProperties properties, ReactiveStringRedisTemplate redis, Clock clock) {
        this.properties = properties;
        this.redis = redis;
        this.clock = clock;
        this.script = loadScript();
    }

    /** Takes a token from {@code caller}'s bucket if it has one. */
    public TokenBucket.Decision tryConsume(String caller) {
        long now = clock.millis();
        TokenBucket.Decision[] decision = new TokenBucket.Decision[1];
        // Inside compute, so that a hand-over pass cannot forget the bucket between lookup and consumption.
        buckets.compute(caller, (key, bucket) -> {
            TokenBucket current = bucket != null ? bucket
                    : new TokenBucket(properties.burstCapacity(), properties.replenishRate(), now);
            decision[0] = current.tryConsume(now);
            return current;
        });
        return decision[0];
    }

    @Override
    protected Disposable subscribe() {
        return every(properties.syncInterval(), this::handOver,
                e -> log.error("Rate-limit hand-over failed; the next one retries", e));
    }

    /**
     * Hands every bucket's tokens taken since the last pass to Redis and takes back the shared levels;
     * forgets buckets that have nothing to hand over and are full by now.
     */
    Mono<Void> handOver() {
        return Mono.defer(() -> {
            long now = clock.millis();
            List<HandOver> handOvers = new ArrayList<>();
            buckets.forEach((caller, bucket) -> {
                long taken = bucket.takeUnsynced();
                if (taken > 0) {
                    handOvers.add(new HandOver(caller, bucket, taken));
                } else {
                    buckets.computeIfPresent(caller, (key, current) -> current.idle(now) ? null : current);
                }
            });
            if (handOvers.isEmpty()) {
                return Mono.empty();
            }
            List<List<HandOver>> calls = new ArrayList<>();
            for (int from = 0; from < handOvers.size(); from += KEYS_PER_CALL) {
                calls.add(handOvers.subList(from, Math.min(handOvers.size(), from + KEYS_PER_CALL)));
            }
            return Flux.fromIterable(calls).flatMap(this::send).then();
        });
    }

    private Mono<Void> send(List<HandOver> handOvers) {
        List<String> keys = new ArrayList<>(handOvers.size());
        List<String> args = new ArrayList<>(handOvers.size() + 2);
        args.add(Integer.toString(properties.replenishRate()));
        args.add(Long.toString(properties.burstCapacity()));
        for (HandOver handOver : handOvers) {
            keys.add(KEY_PREFIX + handOver.caller());
            args.add(Long.toString(handOver.taken()));
        }
        return redis.execute(script, keys, args).next()
                .doOnNext(levels -> {
                    long now = clock.millis();
                    for (int i = 0; i < handOvers.size() && i < levels.size(); i++) {
                        handOvers.get(i).bucket().synchronised(levels.get(i) / 1000.0, now);
                    }
                })
                .then()
                .onErrorResume(e -> {
                    handOvers.forEach(h -> h.bucket().returnUnsynced(h.taken()));
                    warn(e);
                    return Mono.empty();
                });
    }

    private void warn(Throwable e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last >= WARN_EVERY.toNanos())
                && lastWarning.compareAndSet(last, now == 0 ? 1 : now)) {
            log.warn("Redis did not take the rate-limit hand-over ({}): each gateway instance limits callers by "
                    + "itself until it does", e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<Long>> loadScript() {
        try {
            return (RedisScript) RedisScript.of(
                    new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record HandOver(String caller, TokenBucket bucket, long taken) {
    }
}
