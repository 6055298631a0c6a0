package io.coachwork.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller, as the validated JWT describes them. Handlers take it as a method parameter; it is
 * never read from client-supplied headers.
 */
public record CurrentUser(long id, String name, String email, Set<String> roles, String tutorType, String timeZone) {

    public static final String TUTOR = "tutor";
    public static final String STUDENT = "student";
    public static final String ADMIN = "admin";
    public static final String SUPER_ADMIN = "super_admin";

    public static CurrentUser from(Jwt jwt) {
        return new CurrentUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString("name"),
                jwt.getClaimAsString("email"), roles(jwt), jwt.getClaimAsString("tutor_type"), timeZone(jwt));
    }

    /** Roles come from the {@code roles} claim, as a JSON array or a comma-separated string. */
    public static Set<String> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> raw = claim instanceof Collection<?> c ? c
                : claim instanceof String s ? List.of(s.split(",")) : List.of();
        Set<String> roles = new LinkedHashSet<>();
        raw.forEach(r -> {
            String role = String.valueOf(r).trim().toLowerCase();
            if (!role.isEmpty()) {
                roles.add(role);
            }
        });
        return Set.copyOf(roles);
    }

    private static String timeZone(Jwt jwt) {
        String zone = jwt.getClaimAsString("zoneinfo");
        return zone != null ? zone : jwt.getClaimAsString("time_zone");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN) || roles.contains(SUPER_ADMIN);
    }
}
