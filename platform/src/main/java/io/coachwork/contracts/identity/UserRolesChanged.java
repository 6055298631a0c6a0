package io.coachwork.contracts.identity;

import java.time.Instant;
import java.util.List;

/**
 * Payload of identity.user.roles_changed: an admin granted or revoked a role (subscription-service's
 * role administration is the source of truth). The identity provider issues the user's next tokens
 * with {@code rolesAfter}; every service honours a revocation at once for tokens issued before
 * {@code changedAt}. Schema: contracts/identity-user-roles-changed.schema.json.
 */
public record UserRolesChanged(long userId, List<String> rolesBefore, List<String> rolesAfter, List<String> granted,
                               List<String> revoked, long changedBy, String reason, Instant changedAt) {
}
