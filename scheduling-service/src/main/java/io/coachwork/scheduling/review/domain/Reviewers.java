package io.coachwork.scheduling.review.domain;

import io.coachwork.contracts.teaching.TeachingSessionEvent;
import java.util.List;

/**
 * Who may review a session: only a COMPLETED one, and only its students who were still BOOKED and
 * actually joined (a booked student who never came did not take part). Cancelled and no-show
 * sessions have no reviewers.
 */
public final class Reviewers {

    private Reviewers() {
    }

    public static List<Long> of(TeachingSessionEvent session) {
        if (!"COMPLETED".equals(session.status()) || session.participants() == null) {
            return List.of();
        }
        return session.participants().stream()
                .filter(p -> "BOOKED".equals(p.status()) && p.attendedSeconds() > 0 && p.studentId() != session.tutorId())
                .map(TeachingSessionEvent.Participant::studentId)
                .distinct()
                .toList();
    }
}
