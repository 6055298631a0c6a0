package io.coachwork.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The revocations that still matter, in memory: user id → role → when it was revoked (only roles not
 * granted again since). A token's role is refused when it was revoked at or after the token's
 * {@code iat}: the token was issued while the user still held it. Immutable; a refresh builds a new one.
 */
public final class RevokedRoles {

    public static final RevokedRoles NONE = new RevokedRoles(Map.of());

    private final Map<Long, Map<String, Instant>> byUser;

    private RevokedRoles(Map<Long, Map<String, Instant>> byUser) {
        this.byUser = byUser;
    }

    /** One standing revocation, as the table stores it. */
    public record Revocation(long userId, String role, Instant revokedAt) {
    }

    public static RevokedRoles of(Collection<Revocation> revocations) {
        Map<Long, Map<String, Instant>> byUser = new HashMap<>();
        revocations.forEach(r -> byUser.computeIfAbsent(r.userId(), u -> new HashMap<>())
                .merge(r.role(), r.revokedAt(), (a, b) -> a.isAfter(b) ? a : b));
        Map<Long, Map<String, Instant>> frozen = new HashMap<>();
        byUser.forEach((user, roles) -> frozen.put(user, Map.copyOf(roles)));
        return new RevokedRoles(Map.copyOf(frozen));
    }

    /** This snapshot with one more revocation (this instance just applied it). */
    public RevokedRoles with(long userId, String role, Instant revokedAt) {
        Map<Long, Map<String, Instant>> copy = new HashMap<>(byUser);
        Map<String, Instant> roles = new HashMap<>(copy.getOrDefault(userId, Map.of()));
        roles.merge(role, revokedAt, (a, b) -> a.isAfter(b) ? a : b);
        copy.put(userId, Map.copyOf(roles));
        return new RevokedRoles(Map.copyOf(copy));
    }

    /** This snapshot without a revocation that a grant at {@code grantedAt} lifted. */
    public RevokedRoles without(long userId, String role, Instant grantedAt) {
        Map<String, Instant> roles = byUser.get(userId);
        Instant revokedAt = roles == null ? null : roles.get(role);
        if (revokedAt == null || revokedAt.isAfter(grantedAt)) {
            return this;
        }
        Map<Long, Map<String, Instant>> copy = new HashMap<>(byUser);
        Map<String, Instant> left = new HashMap<>(roles);
        left.remove(role);
        if (left.isEmpty()) {
            copy.remove(userId);
        } else {
            copy.put(userId, Map.copyOf(left));
        }
        return new RevokedRoles(Map.copyOf(copy));
    }

    /** Whether any standing revocation is about this user: the one lookup most requests cost. */
    public boolean concerns(long userId) {
        return byUser.containsKey(userId);
    }

    /** The roles among {@code roles} that were revoked at or after {@code issuedAt}. */
    public Set<String> revoked(long userId, Instant issuedAt, Collection<String> roles) {
        Map<String, Instant> revocations = byUser.get(userId);
        if (revocations == null) {
            return Set.of();
        }
        Set<String> revoked = new LinkedHashSet<>();
        for (String role : roles) {
            Instant at = revocations.get(role);
            if (at != null && !at.isBefore(issuedAt)) {
                revoked.add(role);
            }
        }
        return revoked;
    }

    /**
     * When a token was issued. Without {@code iat} (Spring then fills in {@code exp} minus one
     * second) the earliest moment it can have been issued, {@code exp} minus the maximum lifetime:
     * a revocation after that moment wins, so a token cannot dodge it by leaving {@code iat} out.
     */
    public static Instant issuedAt(Jwt jwt, Duration maxLifetime) {
        Instant expiresAt = jwt.getExpiresAt();
        Instant issuedAt = jwt.getIssuedAt();
        if (expiresAt == null) {
            return issuedAt != null ? issuedAt : Instant.MIN;
        }
        if (issuedAt == null || expiresAt.minusSeconds(1).equals(issuedAt)) {
            return expiresAt.minus(maxLifetime);
        }
        return issuedAt;
    }
}
