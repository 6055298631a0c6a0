package io.coachwork.notification.coaching;

import java.time.Instant;
import java.util.List;

/** A coaching session as its events have described it so far: who takes part, when, where to join. */
public record CoachingSession(long sessionId, long tutorId, String title, String status, Instant startTime,
                              Instant endTime, String viewLink, List<Long> studentIds) {

    public static final String SCHEDULED = "scheduled";
    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";
    public static final String CANCELLED = "cancelled";

    public CoachingSession {
        studentIds = studentIds == null ? List.of() : List.copyOf(studentIds);
    }

    public boolean isScheduled() {
        return SCHEDULED.equals(status);
    }
}
