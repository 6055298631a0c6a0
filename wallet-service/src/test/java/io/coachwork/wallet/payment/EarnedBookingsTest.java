package io.coachwork.wallet.payment;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent.Participant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EarnedBookingsTest {

    private static final List<Participant> PARTICIPANTS = List.of(
            new Participant("p1", "b1", 11, "BOOKED", 1800),
            new Participant("p2", "b2", 12, "CANCELLED", 0),
            new Participant("p3", null, 13, "BOOKED", 0),
            new Participant("p4", "b4", 14, "BOOKED", 0));

    private static TeachingSessionEvent session(String status, String noShow, List<Participant> participants) {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        return new TeachingSessionEvent("s", 1, 7, "GROUP", status, start, start.plusSeconds(3600), "Algebra", "ch",
                participants, noShow, null, null, start.plusSeconds(3600));
    }

    @Test
    void aCompletedSessionEarnsEveryStillBookedBookingAttendedOrNot() {
        assertThat(EarnedBookings.of(EventTypes.TEACHING_SESSION_COMPLETED, session("COMPLETED", null, PARTICIPANTS)))
                .containsExactly("b1", "b4");
    }

    @Test
    void aSessionNoStudentJoinedEarnsButOneTheTutorMissedDoesNot() {
        assertThat(EarnedBookings.of(EventTypes.TEACHING_SESSION_NO_SHOW, session("NO_SHOW", "STUDENTS", PARTICIPANTS)))
                .containsExactly("b1", "b4");
        assertThat(EarnedBookings.of(EventTypes.TEACHING_SESSION_NO_SHOW, session("NO_SHOW", "TUTOR", PARTICIPANTS))).isEmpty();
        assertThat(EarnedBookings.of(EventTypes.TEACHING_SESSION_COMPLETED, session("COMPLETED", null, null))).isEmpty();
    }

    @Test
    void onlyCompletionsAndNoShowsMayEarn() {
        assertThat(EarnedBookings.mayEarn(EventTypes.TEACHING_SESSION_COMPLETED)).isTrue();
        assertThat(EarnedBookings.mayEarn(EventTypes.TEACHING_SESSION_NO_SHOW)).isTrue();
        assertThat(EarnedBookings.mayEarn(EventTypes.TEACHING_SESSION_CANCELLED)).isFalse();
        assertThat(EarnedBookings.mayEarn(EventTypes.TEACHING_SESSION_STARTED)).isFalse();
    }
}
