package io.coachwork.notification.reminder;

import io.coachwork.notification.dispatch.NotificationType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The reminders every scheduled session gets, longest lead first (seeds 001 and 002: 24 hours and 1 hour before). */
public enum ReminderKind {
    DAY_BEFORE("24h", Duration.ofHours(24), NotificationType.SESSION_REMINDER_24H),
    HOUR_BEFORE("1h", Duration.ofHours(1), NotificationType.SESSION_REMINDER_1H);

    private final String key;
    private final Duration lead;
    private final NotificationType type;

    ReminderKind(String key, Duration lead, NotificationType type) {
        this.key = key;
        this.lead = lead;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public Duration lead() {
        return lead;
    }

    public NotificationType type() {
        return type;
    }

    public static Optional<ReminderKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
