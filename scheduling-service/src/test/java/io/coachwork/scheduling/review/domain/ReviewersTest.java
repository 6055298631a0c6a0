package io.coachwork.scheduling.review.domain;

import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent.Participant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewersTest {

    private static TeachingSessionEvent session(String status, String noShow, List<Participant> participants) {
        Instant start = Instant.parse("2031-03-03T10:00:00Z");
        return new TeachingSessionEvent("s-1", 3, 7, "GROUP", status, start, start.plusSeconds(3600), "Chess", "ch",
                participants, noShow, null, null, start.plusSeconds(3600));
    }

    private static final List<Participant> PARTICIPANTS = List.of(
            new Participant("p1", "b1", 21, "BOOKED", 3000),
            new Participant("p2", "b2", 22, "BOOKED", 0),
            new Participant("p3", "b3", 23, "CANCELLED", 0),
            new Participant("p4", "b4", 24, "REFUNDED", 600),
            new Participant("p5", "b5", 25, "BOOKED", 1));

    @Test
    void aCompletedSessionsAttendingBookedStudentsReview() {
        assertThat(Reviewers.of(session("COMPLETED", null, PARTICIPANTS))).containsExactly(21L, 25L);
    }

    @Test
    void cancelledNoShowAndUnfinishedSessionsHaveNoReviewers() {
        assertThat(Reviewers.of(session("CANCELLED", null, PARTICIPANTS))).isEmpty();
        assertThat(Reviewers.of(session("NO_SHOW", "STUDENTS", PARTICIPANTS))).isEmpty();
        assertThat(Reviewers.of(session("NO_SHOW", "TUTOR", PARTICIPANTS))).isEmpty();
        assertThat(Reviewers.of(session("IN_PROGRESS", null, PARTICIPANTS))).isEmpty();
        assertThat(Reviewers.of(session("COMPLETED", null, null))).isEmpty();
    }
}
