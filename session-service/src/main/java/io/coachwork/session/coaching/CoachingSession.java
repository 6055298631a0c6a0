package io.coachwork.session.coaching;

import java.time.Instant;

/**
 * A coaching session row. {@code minutesReserved} is the booked window in whole minutes (what the
 * wallet holds); {@code minutesUsed} is set when the session ends.
 */
public record CoachingSession(long id, long tutorId, String title, String description, Instant startTime,
                              Instant endTime, int durationMinutes, int minutesReserved, Integer minutesUsed,
                              String streamCallId, SessionStatus status, String failureReason,
                              Instant actualStartTime, Instant actualEndTime, Instant createdAt, Instant updatedAt) {

    public CoachingSession scheduled(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, SessionStatus.SCHEDULED, null, actualStartTime,
                actualEndTime, createdAt, now);
    }

    public CoachingSession failed(String reason, Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, SessionStatus.FAILED, reason, actualStartTime,
                actualEndTime, createdAt, now);
    }

    public CoachingSession started(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, SessionStatus.ACTIVE, failureReason, now,
                actualEndTime, createdAt, now);
    }

    public CoachingSession ended(Instant actualEnd, int usedMinutes, Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, usedMinutes, streamCallId, SessionStatus.ENDED, failureReason, actualStartTime,
                actualEnd, createdAt, now);
    }

    /** Cancelled; an active session also stops its clock, though nothing is charged for it. */
    public CoachingSession cancelled(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, SessionStatus.CANCELLED, failureReason, actualStartTime,
                status == SessionStatus.ACTIVE ? now : actualEndTime, createdAt, now);
    }

    public CoachingSession touched(Instant now) {
        return new CoachingSession(id, tutorId, title, description, startTime, endTime, durationMinutes,
                minutesReserved, minutesUsed, streamCallId, status, failureReason, actualStartTime, actualEndTime,
                createdAt, now);
    }

    /** Minutes used so far: the settled figure once ended, the running figure while active, else none. */
    public int minutesUsedAt(Instant now) {
        return switch (status) {
            case ENDED -> minutesUsed == null ? 0 : minutesUsed;
            case ACTIVE -> SessionTimes.usedMinutes(actualStartTime, now, minutesReserved);
            default -> 0;
        };
    }
}
