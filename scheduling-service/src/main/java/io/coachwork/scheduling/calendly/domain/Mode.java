package io.coachwork.scheduling.calendly.domain;

import io.coachwork.scheduling.support.InvalidInput;
import java.util.Locale;

/** How a Calendly event counts in the tutor's availability. */
public enum Mode {
    BUSY, IGNORE;

    public static Mode parse(String field, String text) {
        if (text != null) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
        }
        throw new InvalidInput(field, field + " must be one of busy, ignore");
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
