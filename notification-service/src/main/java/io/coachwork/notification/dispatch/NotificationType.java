package io.coachwork.notification.dispatch;

import io.coachwork.notification.preference.Preference;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of notification: the key users set preferences for, the realtime event name a
 * connected client receives (seed 002's names where seed 002 names the moment), and whether it is
 * emailed unless the user chose otherwise. Moments that only matter while someone is online (a
 * session about to start, a chat message, a shared file) are pushed and kept in the inbox but not
 * emailed by default: seed 002 emails confirmations, reminders, cancellations and summaries.
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
    SUBSCRIPTION_EXPIRED("subscription_expired", "subscription:expired"),
    SESSION_BOOKED("session_booked", "session:booked"),
    BOOKING_REFUNDED("booking_refunded", "booking:refunded"),
    BOOKING_EXPIRED("booking_expired", "booking:expired"),
    BOOKING_PAYMENT_FAILED("booking_payment_failed", "booking:payment_failed"),
    WAITLIST_OFFERED("waitlist_offered", "booking:waitlist_offered"),
    SESSION_STARTING("session_starting", "session:starting", false),
    SESSION_MESSAGE("session_message", "session:message", false),
    SESSION_FILE("session_file", "session:file", false),
    SESSION_NO_SHOW("session_no_show", "session:no_show");

    private final String key;
    private final String event;
    private final Preference defaults;

    NotificationType(String key, String event) {
        this(key, event, true);
    }

    NotificationType(String key, String event, boolean emailedByDefault) {
        this.key = key;
        this.event = event;
        this.defaults = emailedByDefault ? Preference.DEFAULT : new Preference(false, true);
    }

    public String key() {
        return key;
    }

    public String event() {
        return event;
    }

    /** The channels of a user who never set a preference for this type. */
    public Preference defaults() {
        return defaults;
    }

    public static Optional<NotificationType> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
