package io.coachwork.notification.dispatch;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of notification: the key users set preferences for, and the realtime event name a
 * connected client receives (seed 002's names where seed 002 names the moment).
 */
public enum NotificationType {
    SESSION_INVITATION("session_invitation", "session:invited"),
    SESSION_STARTED("session_started", "session:started"),
    SESSION_TIME_WARNING("session_time_warning", "session:time_warning"),
    SESSION_ENDED("session_ended", "session:ended"),
    SESSION_CANCELLED("session_cancelled", "session:cancelled"),
    SESSION_REMINDER_24H("session_reminder_24h", "session:reminder"),
    SESSION_REMINDER_1H("session_reminder_1h", "session:starting"),
    HOURS_BALANCE_LOW("hours_balance_low", "wallet:hours_balance_low"),
    WALLET_UPDATED("wallet_updated", "wallet:updated"),
    SUBSCRIPTION_UPDATED("subscription_updated", "subscription:updated"),
    SUBSCRIPTION_PAYMENT_FAILED("subscription_payment_failed", "subscription:payment_failed"),
    SUBSCRIPTION_EXPIRED("subscription_expired", "subscription:expired");

    private final String key;
    private final String event;

    NotificationType(String key, String event) {
        this.key = key;
        this.event = event;
    }

    public String key() {
        return key;
    }

    public String event() {
        return event;
    }

    public static Optional<NotificationType> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
