package io.coachwork.session.coaching;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a coaching session is in its life. {@code pending} while wallet-service reserves the
 * hours, {@code failed} when it refused; then seed 000's scheduled → active → ended, or cancelled.
 */
public enum SessionStatus {
    PENDING, SCHEDULED, ACTIVE, ENDED, CANCELLED, FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A status a client may filter by (seed 000 lists four). */
    public static Optional<SessionStatus> filter(String value) {
        return Arrays.stream(new SessionStatus[]{SCHEDULED, ACTIVE, ENDED, CANCELLED})
                .filter(s -> s.value().equals(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return value();
    }
}
