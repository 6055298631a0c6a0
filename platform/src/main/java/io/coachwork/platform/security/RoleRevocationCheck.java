package io.coachwork.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Takes roles an admin revoked after a token was issued out of that token, before authorities and
 * {@link CurrentUser} are derived from it. Services with a database get the directory's snapshot
 * ({@code RevokedRolesSnapshot}); the gateway has none and keeps the token's roles, every service
 * behind it checks again.
 */
@FunctionalInterface
public interface RoleRevocationCheck {

    RoleRevocationCheck NONE = jwt -> jwt;

    /** The token itself when nothing it claims was revoked; otherwise a copy whose {@code roles} claim lacks them. */
    Jwt withoutRevokedRoles(Jwt jwt);
}
