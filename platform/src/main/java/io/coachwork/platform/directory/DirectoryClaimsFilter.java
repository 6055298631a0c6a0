package io.coachwork.platform.directory;

import io.coachwork.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records what each caller's token says about them (name, email, roles, zone), so a user who has
 * called a service is known to it even before the identity topic catches up. Writes only when the
 * claims differ from what this instance last wrote for that user. The claims count as of the token's
 * {@code iat}: a token issued before a role change must not put the old roles back.
 */
public class DirectoryClaimsFilter implements WebFilter, Ordered {

    private static final int MAX_REMEMBERED = 50_000;

    private final UserDirectory directory;
    private final Clock clock;
    private final Map<Long, Integer> lastWritten = new ConcurrentHashMap<>();

    public DirectoryClaimsFilter(UserDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(auth -> auth.getPrincipal() instanceof Jwt)
                .map(auth -> (Jwt) auth.getPrincipal())
                .flatMap(this::remember)
                .then(chain.filter(exchange));
    }

    private Mono<Void> remember(Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        int fingerprint = Objects.hash(user.name(), user.email(), user.roles(), user.timeZone());
        Integer previous = lastWritten.get(user.id());
        if (previous != null && previous == fingerprint) {
            return Mono.empty();
        }
        if (lastWritten.size() > MAX_REMEMBERED) {
            lastWritten.clear();
        }
        Instant now = clock.instant();
        Instant asOf = jwt.getIssuedAt() != null && jwt.getIssuedAt().isBefore(now) ? jwt.getIssuedAt() : now;
        return directory.upsert(new DirectoryUser(user.id(), user.name(), user.email(), user.roles(), user.timeZone(), asOf))
                .doOnSuccess(v -> lastWritten.put(user.id(), fingerprint));
    }
}
