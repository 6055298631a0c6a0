package io.coachwork.scheduling.statistics;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.contracts.scheduling.ReviewEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events statistics are kept from, as their producers publish them. Every event is delivered
 * twice (the same CloudEvent, as Kafka redelivers it) so that tests see one effect.
 */
final class StatisticsEvents {

    private StatisticsEvents() {
    }

    /** The event's id. */
    static String twice(String topic, String key, String type, Object data) {
        String id = UUID.randomUUID().toString();
        String event = TestEvents.cloudEvent(id, type, key, data);
        TopicProbe.send(topic, key, event);
        TopicProbe.send(topic, key, event);
        return id;
    }

    /**
     * A teaching session event of {@code type}, its participants BOOKED students (a negative id: CANCELLED);
     * the event's id.
     */
    static String session(String type, String id, long tutor, Instant startsAt, Duration length, long... students) {
        String status = switch (type) {
            case EventTypes.TEACHING_SESSION_COMPLETED -> "COMPLETED";
            case EventTypes.TEACHING_SESSION_CANCELLED -> "CANCELLED";
            case EventTypes.TEACHING_SESSION_NO_SHOW -> "NO_SHOW";
            default -> "SCHEDULED";
        };
        List<TeachingSessionEvent.Participant> participants = Arrays.stream(students)
                .mapToObj(s -> new TeachingSessionEvent.Participant(UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), Math.abs(s), s > 0 ? "BOOKED" : "CANCELLED", 1200))
                .toList();
        return twice(Topics.TEACHING_SESSIONS, id, type, new TeachingSessionEvent(id, 1, tutor, "GROUP", status, startsAt,
                startsAt.plus(length), "Chess", "ch", participants,
                status.equals("NO_SHOW") ? "STUDENTS" : null, null, null, startsAt.plus(length)));
    }

    static String scheduledAndThen(String type, long tutor, Instant startsAt, Duration length, long... students) {
        String id = UUID.randomUUID().toString();
        session(EventTypes.TEACHING_SESSION_SCHEDULED, id, tutor, startsAt, length, students);
        if (!type.equals(EventTypes.TEACHING_SESSION_SCHEDULED)) {
            session(type, id, tutor, startsAt, length, students);
        }
        return id;
    }

    static void booking(String type, String bookingId, String sessionId, long tutor, long student, Instant startsAt,
                        long priceMinor, String currency) {
        String status = type.equals(EventTypes.BOOKING_CANCELLED) ? "CANCELLED" : "CONFIRMED";
        twice(Topics.BOOKINGS, bookingId, type, new BookingEvent(bookingId, sessionId, 1, tutor, student, status,
                "SUCCEEDED", "GROUP", startsAt, startsAt.plus(Duration.ofHours(1)), "Africa/Lagos", null, priceMinor,
                0, currency, status.equals("CANCELLED") ? "STUDENT" : null, null, null, startsAt.minus(Duration.ofDays(1))));
    }

    static void earning(String bookingId, String sessionId, long tutor, long student, long gross, long commission,
                        String currency, Instant releasedAt) {
        twice(Topics.PAYMENTS, bookingId, EventTypes.TUTOR_EARNING, new TutorEarning(bookingId, sessionId, tutor,
                student, gross, commission, gross - commission, BigDecimal.TEN, currency, "tx-" + bookingId, releasedAt));
    }

    static void review(String type, long reviewId, long tutor, long student, int rating, boolean hidden, Instant at) {
        twice(Topics.SCHEDULING_PROFILES, Long.toString(tutor), type, new ReviewEvent(reviewId, UUID.randomUUID().toString(),
                tutor, student, rating, Map.of(), "ok", hidden, null, 0, null, null, at));
    }
}
