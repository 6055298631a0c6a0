package io.coachwork.notification.teaching;

import java.time.Instant;
import java.util.List;

/**
 * A teaching session as its latest event described it: when it is, who is booked into it, and
 * when it really started (from its started event).
 */
public record TeachingSession(String sessionId, long tutorId, String title, String sessionType, String status,
                              Instant startsAt, Instant endsAt, Instant startedAt, List<Long> bookedStudentIds) {

    public static final String SCHEDULED = "SCHEDULED";

    public TeachingSession {
        bookedStudentIds = bookedStudentIds == null ? List.of() : List.copyOf(bookedStudentIds);
    }

    public boolean isScheduled() {
        return SCHEDULED.equals(status);
    }

    /** The title people read: the session's own, else its kind. */
    public String displayTitle() {
        return TeachingSessionRules.title(title, sessionType);
    }
}
