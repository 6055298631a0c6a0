package io.coachwork.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens the delegate has accepted until they expire, so a client sending the same token
 * again costs a map lookup instead of a JSON parse, a signature check and the validators (6% of a
 * simple GET's CPU, docs/performance.md). Refusals are not remembered; an expired entry goes back to
 * the delegate, which refuses it. Bounded: the whole map is dropped when it is full.
 */
public class CachingJwtDecoder implements ReactiveJwtDecoder {

    static final int MAX_REMEMBERED = 10_000;

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();

    public CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = accepted.get(token);
        if (known != null && stillValid(known)) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private boolean stillValid(Jwt jwt) {
        Instant now = clock.instant();
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
    }

    private void remember(String token, Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (accepted.size() >= MAX_REMEMBERED) {
            accepted.clear();
        }
        accepted.put(token, jwt);
    }
}
