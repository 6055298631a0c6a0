package io.coachwork.platform.directory;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.security.RevokedRoles;
import io.coachwork.platform.security.RoleRevocationCheck;
import io.coachwork.platform.jobs.BackgroundStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * This instance's in-memory copy of the standing revocations, so a request costs a map lookup and
 * no query (issue 13). Reloaded from role_revocation every {@code refreshPeriod}: instances of one
 * service share a consumer group, so only one of them sees each roles_changed event; the one that
 * does applies it here at once. Only revocations younger than the longest token lifetime (plus the
 * clock skew) are kept: every token issued before an older one has expired. Runs on the wall clock,
 * as token validation does.
 */
public class RevokedRolesSnapshot extends BackgroundStream implements RoleRevocationCheck {

    private static final Logger log = LoggerFactory.getLogger(RevokedRolesSnapshot.class);

    private final RoleRevocations store;
    private final Duration window;
    private final Duration maxLifetime;
    private final Duration refreshPeriod;
    private final Clock clock;
    private final List<Applied> recentlyApplied = new ArrayList<>();
    private volatile RevokedRoles current = RevokedRoles.NONE;

    public RevokedRolesSnapshot(RoleRevocations store, Duration maxLifetime, Duration clockSkew, Duration refreshPeriod,
                                Clock clock) {
        this.store = store;
        this.maxLifetime = maxLifetime;
        this.window = maxLifetime.plus(clockSkew);
        this.refreshPeriod = refreshPeriod;
        this.clock = clock;
    }

    @Override
    public Jwt withoutRevokedRoles(Jwt jwt) {
        RevokedRoles revocations = current;
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            return jwt;
        }
        if (!revocations.concerns(userId)) {
            return jwt;
        }
        Set<String> roles = CurrentUser.roles(jwt);
        Set<String> revoked = revocations.revoked(userId, RevokedRoles.issuedAt(jwt, maxLifetime), roles);
        if (revoked.isEmpty()) {
            return jwt;
        }
        List<String> kept = new ArrayList<>(roles);
        kept.removeAll(revoked);
        return Jwt.withTokenValue(jwt.getTokenValue())
                .headers(h -> h.putAll(jwt.getHeaders()))
                .claims(c -> {
                    c.putAll(jwt.getClaims());
                    c.put("roles", List.copyOf(kept));
                })
                .build();
    }

    private record Applied(long userId, Collection<String> revoked, Collection<String> granted, Instant at,
                           Instant appliedAt) {

        RevokedRoles to(RevokedRoles snapshot) {
            RevokedRoles next = snapshot;
            for (String role : revoked) {
                next = next.with(userId, role, at);
            }
            for (String role : granted) {
                next = next.without(userId, role, at);
            }
            return next;
        }
    }

    /**
     * Reloads the standing revocations (also what each period runs). Changes applied here during the
     * last two periods are applied again on top: a reload that started before their transaction
     * committed must not undo them.
     */
    public Mono<Void> refresh() {
        return store.standingSince(clock.instant().minus(window))
                .doOnNext(this::replace)
                .then();
    }

    private synchronized void replace(List<RevokedRoles.Revocation> rows) {
        Instant keepFrom = clock.instant().minus(refreshPeriod.multipliedBy(2));
        recentlyApplied.removeIf(a -> a.appliedAt().isBefore(keepFrom));
        RevokedRoles next = RevokedRoles.of(rows);
        for (Applied applied : recentlyApplied) {
            next = applied.to(next);
        }
        current = next;
    }

    /** A roles_changed event this instance just applied: in effect here before the next reload. */
    public synchronized void applied(long userId, Collection<String> revoked, Collection<String> granted, Instant at) {
        Applied applied = new Applied(userId, List.copyOf(revoked), List.copyOf(granted), at, clock.instant());
        recentlyApplied.add(applied);
        current = applied.to(current);
    }

    @Override
    protected Disposable subscribe() {
        return every(refreshPeriod, this::refresh,
                e -> log.warn("role revocations refresh failed, keeping the last snapshot: {}", e.toString()));
    }
}
