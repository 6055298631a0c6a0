package io.coachwork.session.coaching;

import java.time.Duration;
import java.time.Instant;

/** Coaching sessions for unit tests: a 60-minute scheduled session unless told otherwise. */
final class SessionBuilder {

    private SessionStatus status = SessionStatus.SCHEDULED;
    private Instant start = Instant.parse("2024-01-20T14:00:00Z");
    private int minutes = 60;
    private Instant actualStart;

    static SessionBuilder session() {
        return new SessionBuilder();
    }

    SessionBuilder status(SessionStatus value) {
        this.status = value;
        return this;
    }

    SessionBuilder startingAt(Instant value, int durationMinutes) {
        this.start = value;
        this.minutes = durationMinutes;
        return this;
    }

    SessionBuilder startedAt(Instant value) {
        this.status = SessionStatus.ACTIVE;
        this.actualStart = value;
        return this;
    }

    CoachingSession build() {
        Instant created = start.minus(Duration.ofDays(5));
        return new CoachingSession(5, 7, "JavaScript Fundamentals Review", null, start,
                start.plus(Duration.ofMinutes(minutes)), minutes, minutes, null, "coaching_5_abc123", status, null,
                actualStart, null, created, created, null);
    }
}
