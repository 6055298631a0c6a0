package io.coachwork.contracts.coaching;

import java.time.Instant;
import java.util.List;

/**
 * Payload of every {@code coachwork.coaching.session.*} event (key = session id). Carries enough
 * for a notification without calling back: who, when, where to join.
 * {@code minutesLeft} is set on time warnings; {@code studentIds} on created and students_invited
 * lists the students concerned (all of them, or the newly invited).
 */
public record CoachingSessionEvent(long sessionId, long tutorId, String title, String status, Instant startTime,
                                   Instant endTime, String streamCallId, String viewLink, List<Long> studentIds,
                                   Long minutesLeft, Long minutesReserved, Long minutesUsed, String reason) {
}
