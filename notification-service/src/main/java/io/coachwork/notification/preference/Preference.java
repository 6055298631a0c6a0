package io.coachwork.notification.preference;

/** Whether one kind of notification reaches a user by email and by push; both on unless they said otherwise. */
public record Preference(boolean email, boolean push) {

    public static final Preference DEFAULT = new Preference(true, true);
}
