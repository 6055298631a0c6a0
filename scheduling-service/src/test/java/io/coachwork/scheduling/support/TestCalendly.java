package io.coachwork.scheduling.support;

import io.coachwork.scheduling.calendly.domain.CalendlySignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Calendly's webhook deliveries as Calendly sends them, signed with the tests' stand-in key. */
public final class TestCalendly {

    public static final String LESSON = "https://api.calendly.com/event_types/LESSON";
    private static final CalendlySignature SIGNER = new CalendlySignature(SchedulingIntegrationTest.CALENDLY_KEY,
            Duration.ofMinutes(3));

    private TestCalendly() {
    }

    public static String user(long tutor) {
        return "https://api.calendly.com/users/U" + tutor;
    }

    public static String invitee(String id) {
        return "https://api.calendly.com/scheduled_events/E" + id + "/invitees/I" + id;
    }

    /** An {@code invitee.created} or {@code invitee.canceled} body in Calendly's v2 webhook shape. */
    public static String body(String event, String id, String user, String eventType, Instant start, Instant end) {
        boolean canceled = event.equals("invitee.canceled");
        return """
                {"created_at": "%s", "created_by": "%s", "event": "%s",
                 "payload": {"uri": "%s", "event": "https://api.calendly.com/scheduled_events/E%s",
                   "email": "guest@example.com", "name": "Guest", "status": "%s", "rescheduled": false, "timezone": "Europe/Berlin",
                   %s"scheduled_event": {"uri": "https://api.calendly.com/scheduled_events/E%s", "name": "Lesson",
                     "status": "%s", "start_time": "%s", "end_time": "%s", %s
                     "event_memberships": [{"user": "%s", "user_email": "tutor@example.com"}]}}}"""
                .formatted(start, user, event, invitee(id), id, canceled ? "canceled" : "active",
                        canceled ? "\"cancellation\": {\"canceled_by\": \"Guest\", \"reason\": \"Ill\", \"canceler_type\": \"invitee\"}, " : "",
                        id, canceled ? "canceled" : "active", micros(start), micros(end),
                        eventType == null ? "" : "\"event_type\": \"" + eventType + "\",", user);
    }

    /** Calendly writes six fractional digits. */
    private static String micros(Instant t) {
        return t.toString().replace("Z", ".000000Z");
    }

    public static String signature(String body, Instant at) {
        return SIGNER.header(at.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
    }
}
