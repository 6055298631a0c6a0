package io.coachwork.subscription.roles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may grant and revoke what (seed 004 "role transition workflows"): admins manage tutor and
 * student; only super admins manage admin and super_admin; nobody revokes their own super_admin
 * (the platform must keep someone who can manage admins); every change has a reason of 1 to 500
 * characters; granting a held role or revoking one not held is a conflict.
 */
public final class RoleRules {

    public static final int MAX_REASON = 500;

    public enum Action { GRANT, REVOKE }

    /** One change: the roles before and after, canonical order. */
    public record RoleChange(long userId, Action action, Role role, List<Role> before, List<Role> after, String reason) {
    }

    private RoleRules() {
    }

    public static RoleChange decide(Action action, long actorId, Set<String> actorRoles, long userId,
                                    Collection<Role> current, String role, String reason) {
        Role wanted = Role.parse(role).orElseThrow(() -> new RoleChangeRefused(RoleChangeRefused.Kind.INVALID, "role",
                role == null || role.isBlank() ? "role is required" : "role must be one of " + Role.NAMES));
        String why = reason(reason);
        boolean superAdmin = actorRoles.contains(Role.SUPER_ADMIN.code());
        if (!superAdmin && !actorRoles.contains(Role.ADMIN.code())) {
            throw new RoleChangeRefused(RoleChangeRefused.Kind.FORBIDDEN, null, "Only admins grant or revoke roles");
        }
        if (wanted.administrative() && !superAdmin) {
            throw new RoleChangeRefused(RoleChangeRefused.Kind.FORBIDDEN, null,
                    "Only a super admin can grant or revoke the " + wanted.code() + " role");
        }
        List<Role> before = Role.known(Role.codes(current));
        List<Role> after = new ArrayList<>(before);
        if (action == Action.GRANT) {
            if (before.contains(wanted)) {
                throw new RoleChangeRefused(RoleChangeRefused.Kind.CONFLICT, null,
                        "User " + userId + " already holds the " + wanted.code() + " role");
            }
            after.add(wanted);
        } else {
            if (!before.contains(wanted)) {
                throw new RoleChangeRefused(RoleChangeRefused.Kind.CONFLICT, null,
                        "User " + userId + " does not hold the " + wanted.code() + " role");
            }
            if (wanted == Role.SUPER_ADMIN && actorId == userId) {
                throw new RoleChangeRefused(RoleChangeRefused.Kind.INVALID, null,
                        "You cannot revoke your own super_admin role; another super admin must");
            }
            after.remove(wanted);
        }
        return new RoleChange(userId, action, wanted, before, after.stream().sorted().toList(), why);
    }

    /** The reason trimmed; 1 to 500 characters (code points), required. */
    static String reason(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) {
            throw new RoleChangeRefused(RoleChangeRefused.Kind.INVALID, "reason", "reason is required");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON) {
            throw new RoleChangeRefused(RoleChangeRefused.Kind.INVALID, "reason",
                    "reason must be at most " + MAX_REASON + " characters");
        }
        return trimmed;
    }
}
