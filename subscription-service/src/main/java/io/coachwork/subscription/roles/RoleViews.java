package io.coachwork.subscription.roles;

import io.coachwork.platform.web.Pagination;
import java.time.Instant;
import java.util.List;

/** What the role endpoints answer (snake_case on the wire). */
public final class RoleViews {

    private RoleViews() {
    }

    public record GrantRequest(String role, String reason) {
    }

    public record RevokeRequest(String reason) {
    }

    public record AuditEntry(long id, long userId, String action, String role, List<String> rolesBefore,
                             List<String> rolesAfter, long changedBy, String reason, Instant changedAt) {

        static AuditEntry of(RoleRepository.ChangeRow row) {
            return new AuditEntry(row.id(), row.userId(), row.action(), row.role(), row.rolesBefore(), row.rolesAfter(),
                    row.changedBy(), row.reason(), row.changedAt());
        }
    }

    /** {@code source}: {@code role_admin} once an admin changed the user's roles, else {@code identity_provider}. */
    public record UserRoles(long userId, List<String> roles, String source, List<AuditEntry> history) {
    }

    public record Changed(long userId, List<String> roles, AuditEntry change) {
    }

    public record AuditPage(List<AuditEntry> entries, Pagination pagination) {
    }

    /**
     * The caller's roles: {@code roles} as this request's token carries them (less revocations),
     * {@code assigned_roles} as role administration says; a granted role shows in the second list
     * until the user's next token carries it.
     */
    public record MyRoles(long userId, List<String> roles, List<String> assignedRoles) {
    }
}
