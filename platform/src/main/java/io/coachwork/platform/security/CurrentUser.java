package io.coachwork.platform.security;

import io.coachwork.platform.web.TextHygiene;
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

    /** Claim strings lose any control characters: a signed token is trusted, not its text. */
    public static CurrentUser from(Jwt jwt) {
        return new CurrentUser(Long.parseLong(jwt.getSubject()), claim(jwt, "name"), claim(jwt, "email"), roles(jwt),
                claim(jwt, "tutor_type"), timeZone(jwt));
    }

    private static String claim(Jwt jwt, String name) {
        return TextHygiene.strip(jwt.getClaimAsString(name));
    }

    /** Roles come from the {@code roles} claim, as a JSON array or a comma-separated string. */
    public static Set<String> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> raw = claim instanceof Collection<?> c ? c
                : claim instanceof String s ? List.of(s.split(",")) : List.of();
        Set<String> roles = new LinkedHashSet<>();
        raw.forEach(r -> {
            String role = TextHygiene.strip(String.valueOf(r)).trim().toLowerCase();
            if (!role.isEmpty()) {
                roles.add(role);
            }
        });
        return Set.copyOf(roles);
    }

    private static String timeZone(Jwt jwt) {
        String zone = claim(jwt, "zoneinfo");
        return zone != null ? zone : claim(jwt, "time_zone");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN) || roles.contains(SUPER_ADMIN);
    }
}
