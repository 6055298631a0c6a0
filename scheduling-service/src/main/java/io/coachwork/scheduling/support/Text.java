package io.coachwork.scheduling.support;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Checks on client text shared by every input here, so each refusal names its field the same way. */
public final class Text {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private Text() {
    }

    /** Trimmed text, or null when absent; NUL bytes (PostgreSQL refuses them) and overlong text are refused. */
    public static String optional(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInput(field, field + " must not contain NUL characters");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    public static String required(String field, String value, int maxLength) {
        String text = optional(field, value, maxLength);
        if (text == null) {
            throw new InvalidInput(field, field + " is required");
        }
        return text;
    }

    public static List<String> list(String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxItems) {
            throw new InvalidInput(field, field + " can list at most " + maxItems + " items");
        }
        return values.stream().map(v -> required(field, v, maxLength)).distinct().toList();
    }

    /** An IANA region zone such as Africa/Lagos; offsets like +01:00 carry no DST rules and are refused. */
    public static ZoneId zone(String field, String value) {
        String id = required(field, value, 64);
        if (!ZONES.contains(id)) {
            throw new InvalidInput(field, field + " must be an IANA time zone such as Africa/Lagos");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidInput(field, field + " must be an IANA time zone such as Africa/Lagos");
        }
    }
}
