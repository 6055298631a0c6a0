package io.coachwork.notification.push;

/** Whether a user can be pushed to right now, as far as this instance can tell. */
public enum Presence {
    /** A socket of theirs is open, on this instance or (by the fan-out) on another one. */
    CONNECTED,
    /** No socket on any instance. */
    OFFLINE,
    /** No socket on this instance; the others could not be asked (Redis unreachable). */
    NOT_HERE
}
