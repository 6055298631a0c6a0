package io.coachwork.notification.preference;

/** Whether one kind of notification reaches a user by email and by push; the type's defaults unless they said otherwise. */
public record Preference(boolean email, boolean push) {

    /** Email and push on: the defaults of most types (see {@code NotificationType#defaults()}). */
    public static final Preference DEFAULT = new Preference(true, true);
}
