package io.coachwork.session.teaching.domain;

import java.time.Duration;

/**
 * The time rules of teaching sessions. {@code startLead}: how early the tutor may start;
 * {@code tutorNoShowAfter}: a session not started this long after its start time is a tutor no-show
 * (seed 002 §10: 15 minutes); {@code completeGrace}: how long a running session may overrun its end
 * before it is completed for the tutor (seed 001); {@code startingNotice}: when the "starting" notice
 * goes out before the start.
 */
public record TeachingTimes(Duration startLead, Duration tutorNoShowAfter, Duration completeGrace,
                            Duration startingNotice) {

    public static final TeachingTimes DEFAULTS = new TeachingTimes(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(15), Duration.ofMinutes(5));

    public TeachingTimes {
        if (startLead.isNegative() || tutorNoShowAfter.isNegative() || completeGrace.isNegative()
                || startingNotice.isNegative()) {
            throw new IllegalArgumentException("teaching session times must not be negative");
        }
    }
}
