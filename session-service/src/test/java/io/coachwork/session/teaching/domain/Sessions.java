package io.coachwork.session.teaching.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Teaching sessions for the domain tests: an hour from {@link #START}, tutor 7. */
final class Sessions {

    static final Instant START = Instant.parse("2031-03-10T15:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(1));
    static final long TUTOR = 7;

    private Sessions() {
    }

    static TeachingSession scheduled(SessionType type, int max) {
        return new TeachingSession(UUID.randomUUID(), 1, TUTOR, type, max, "Algebra", START, END, "Europe/Berlin",
                TeachingStatus.SCHEDULED, "teaching_x", null, null, null, null, null, START.minusSeconds(86_400),
                START.minusSeconds(86_400));
    }

    static TeachingSession scheduled() {
        return scheduled(SessionType.GROUP, 3);
    }

    static TeachingSession running(Instant startedAt) {
        return scheduled().started(startedAt);
    }

    static Instant at(int minutesFromStart) {
        return START.plus(Duration.ofMinutes(minutesFromStart));
    }
}
