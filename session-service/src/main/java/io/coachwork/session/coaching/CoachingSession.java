package io.coachwork.session.coaching;

import java.time.Instant;
import java.util.UUID;

/**
 * A coaching session row. {@code minutesReserved} is the booked window in whole minutes (what the
 * wallet holds); {@code minutesUsed} is set when the session ends. {@code sagaId} is the hours saga
 * started with it (null only for a session stored before sagas existed).
 */
public record CoachingSession(long id, long tutorId, String title, String description, Instant startTime,
                              Instant endTime, int durationMinutes, int minutesReserved, Integer minutesUsed,
                              String streamCallId, SessionStatus status, String failureReason,
                              Instant actualStartTime, Instant actualEndTime, Instant createdAt, Instant updatedAt,
                              UUID sagaId) {

    public CoachingSession started(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, SessionStatus.ACTIVE, failureReason, now,
                actualEndTime, createdAt, now, sagaId);
    }

    public CoachingSession ended(Instant actualEnd, int usedMinutes, Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, usedMinutes, streamCallId, SessionStatus.ENDED, failureReason, actualStartTime,
                actualEnd, createdAt, now, sagaId);
    }

    /**
     * Cancelled. A running session stops its clock and counts the minutes used so far, as an end does
     * (seed 000 refunds only what was not used); any other used none.
     */
    public CoachingSession cancelled(Instant now) {
        boolean running = status == SessionStatus.ACTIVE;
        Integer used = running ? Integer.valueOf(SessionTimes.usedMinutes(actualStartTime, now, minutesReserved))
                : minutesUsed;
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, used, streamCallId, SessionStatus.CANCELLED, failureReason, actualStartTime,
                running ? now : actualEndTime, createdAt, now, sagaId);
    }

    public CoachingSession touched(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, status, failureReason, actualStartTime, actualEndTime,
                createdAt, now, sagaId);
    }

    /** Minutes used so far: the settled figure once ended (or cancelled while running), the running figure while active. */
    public int minutesUsedAt(Instant now) {
        return switch (status) {
            case ENDED, CANCELLED -> minutesUsed == null ? 0 : minutesUsed;
            case ACTIVE -> SessionTimes.usedMinutes(actualStartTime, now, minutesReserved);
            default -> 0;
        };
    }
}
