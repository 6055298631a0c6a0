package io.coachwork.notification.support;

import io.coachwork.contracts.coaching.CoachingSessionEvent;
import java.time.Instant;
import java.util.List;

/** Coaching-session event payloads for tests, starting from seed 000's example session. */
public final class SessionEvents {

    public static final String SEED_TITLE = "JavaScript Fundamentals Review";
    public static final String SEED_VIEW_LINK = "https://app.stream.io/coaching/session/coaching_5_abc123-def456";

    private final long sessionId;
    private final long tutorId;
    private String title = SEED_TITLE;
    private String status = "scheduled";
    private Instant start = Instant.parse("2024-01-20T14:00:00Z");
    private Instant end = Instant.parse("2024-01-20T15:00:00Z");
    private String viewLink = SEED_VIEW_LINK;
    private List<Long> students = List.of();
    private Long minutesLeft;
    private Long minutesReserved = 60L;
    private Long minutesUsed;
    private String reason;

    private SessionEvents(long sessionId, long tutorId) {
        this.sessionId = sessionId;
        this.tutorId = tutorId;
    }

    /** Seed 000's "JavaScript Fundamentals Review", 2024-01-20 14:00–15:00 UTC, inviting {@code students}. */
    public static SessionEvents seed000(long sessionId, long tutorId, Long... students) {
        return new SessionEvents(sessionId, tutorId).students(students);
    }

    public SessionEvents students(Long... ids) {
        this.students = List.of(ids);
        return this;
    }

    public SessionEvents noStudents() {
        this.students = null;
        return this;
    }

    public SessionEvents title(String title) {
        this.title = title;
        return this;
    }

    public SessionEvents status(String status) {
        this.status = status;
        return this;
    }

    public SessionEvents at(Instant start, Instant end) {
        this.start = start;
        this.end = end;
        return this;
    }

    public SessionEvents minutesLeft(long minutes) {
        this.minutesLeft = minutes;
        return this;
    }

    public SessionEvents used(long minutes) {
        this.minutesUsed = minutes;
        return this;
    }

    public SessionEvents reason(String reason) {
        this.reason = reason;
        return this;
    }

    public CoachingSessionEvent build() {
        return new CoachingSessionEvent(sessionId, tutorId, title, status, start, end, "coaching_" + sessionId,
                viewLink, students, minutesLeft, minutesReserved, minutesUsed, reason);
    }
}
