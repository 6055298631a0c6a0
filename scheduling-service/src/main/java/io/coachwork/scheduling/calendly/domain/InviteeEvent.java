package io.coachwork.scheduling.calendly.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What Coachwork uses of a Calendly {@code invitee.created} / {@code invitee.canceled} delivery: the invitee
 * (the idempotency key with the event), the scheduled event, its type, its host and its time.
 */
public record InviteeEvent(String event, String inviteeUri, String scheduledEventUri, String eventTypeUri,
                           String userUri, Instant start, Instant end) {

    public static final String CREATED = "invitee.created";
    public static final String CANCELED = "invitee.canceled";
    /** Calendly events are meetings, not holidays: anything longer is not something to block slots with. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    public InviteeEvent {
        if (!CREATED.equals(event) && !CANCELED.equals(event)) {
            throw new IllegalArgumentException("Unsupported Calendly event " + event);
        }
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("A Calendly event ends after it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("A Calendly event lasts at most " + MAX_DURATION.toHours() + " hours");
        }
    }

    public boolean created() {
        return CREATED.equals(event);
    }
}
