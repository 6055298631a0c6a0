package io.coachwork.subscription.roles;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The platform's roles (PLATFORM.md §2), in the order lists show them. */
public enum Role {
    TUTOR("tutor"), STUDENT("student"), ADMIN("admin"), SUPER_ADMIN("super_admin");

    public static final String NAMES = Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Only super admins grant or revoke these. */
    public boolean administrative() {
        return this == ADMIN || this == SUPER_ADMIN;
    }

    public static Optional<Role> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase();
        return Arrays.stream(values()).filter(r -> r.code.equals(wanted)).findFirst();
    }

    /** The known roles among {@code codes}, in canonical order; unknown strings are dropped. */
    public static List<Role> known(Collection<String> codes) {
        return codes.stream().map(Role::parse).flatMap(Optional::stream).distinct().sorted().toList();
    }

    public static List<String> codes(Collection<Role> roles) {
        return roles.stream().distinct().sorted().map(Role::code).toList();
    }
}
