package io.coachwork.session.coaching;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.coachwork.session.coaching.SessionBuilder.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session state machine: which transitions each status allows, with seed 000's messages. */
class SessionLifecycleTest {

    private static final Instant START = Instant.parse("2024-01-20T14:00:00Z");

    @Test
    void aScheduledSessionStartsFromItsStartTimeUntilItsEnd() {
        CoachingSession scheduled = session().startingAt(START, 60).build();
        assertThatThrownBy(() -> SessionLifecycle.checkStart(scheduled, START.minusMillis(1)))
                .isInstanceOf(SessionRuleViolation.class).hasMessage("Session start time has not been reached");
        assertThatCode(() -> SessionLifecycle.checkStart(scheduled, START)).doesNotThrowAnyException();
        assertThatCode(() -> SessionLifecycle.checkStart(scheduled, START.plusSeconds(3599))).doesNotThrowAnyException();
        assertThatThrownBy(() -> SessionLifecycle.checkStart(scheduled, START.plusSeconds(3600)))
                .hasMessage("Session end time has passed; cancel it to release the reserved hours");
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "SCHEDULED", mode = EnumSource.Mode.EXCLUDE)
    void onlyAScheduledSessionStarts(SessionStatus status) {
        assertThatThrownBy(() -> SessionLifecycle.checkStart(session().status(status).build(), START))
                .isInstanceOf(SessionRuleViolation.class)
                .hasMessage("Cannot start session with status: " + status.value());
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnActiveSessionEnds(SessionStatus status) {
        assertThatThrownBy(() -> SessionLifecycle.checkEnd(session().status(status).build()))
                .hasMessage("Cannot end session with status: " + status.value());
        assertThatCode(() -> SessionLifecycle.checkEnd(session().status(SessionStatus.ACTIVE).build()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"PENDING", "SCHEDULED", "ACTIVE"})
    void aSessionCanBeCancelledAtAnyTimeBeforeItEnded(SessionStatus status) {
        assertThatCode(() -> SessionLifecycle.checkCancel(session().status(status).build())).doesNotThrowAnyException();
    }

    @Test
    void endedCancelledAndFailedSessionsCannotBeCancelled() {
        assertThatThrownBy(() -> SessionLifecycle.checkCancel(session().status(SessionStatus.ENDED).build()))
                .hasMessage("Cannot cancel an ended session");
        assertThatThrownBy(() -> SessionLifecycle.checkCancel(session().status(SessionStatus.CANCELLED).build()))
                .hasMessage("Session is already cancelled");
        assertThatThrownBy(() -> SessionLifecycle.checkCancel(session().status(SessionStatus.FAILED).build()))
                .hasMessage("Cannot cancel a failed session");
    }

    @Test
    void studentsCanBeInvitedUntilTheSessionEndsOrIsCancelled() {
        assertThatCode(() -> SessionLifecycle.checkInvite(session().status(SessionStatus.PENDING).build()))
                .doesNotThrowAnyException();
        assertThatCode(() -> SessionLifecycle.checkInvite(session().status(SessionStatus.ACTIVE).build()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SessionLifecycle.checkInvite(session().status(SessionStatus.ENDED).build()))
                .hasMessage("Cannot invite students to an ended session");
        assertThatThrownBy(() -> SessionLifecycle.checkInvite(session().status(SessionStatus.CANCELLED).build()))
                .hasMessage("Cannot invite students to a cancelled session");
    }

    @Test
    void joinTokensAreForScheduledAndActiveSessions() {
        assertThatCode(() -> SessionLifecycle.checkJoin(session().status(SessionStatus.SCHEDULED).build()))
                .doesNotThrowAnyException();
        assertThatCode(() -> SessionLifecycle.checkJoin(session().status(SessionStatus.ACTIVE).build()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SessionLifecycle.checkJoin(session().status(SessionStatus.PENDING).build()))
                .hasMessage("Cannot join session with status: pending");
    }

    @Test
    void transitionsStampTheActualTimes() {
        Instant startedAt = START.plusSeconds(300);
        CoachingSession active = session().build().started(startedAt);
        assertThat(active.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(active.actualStartTime()).isEqualTo(startedAt);

        CoachingSession cancelled = active.cancelled(startedAt.plusSeconds(60));
        assertThat(cancelled.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(cancelled.actualEndTime()).isEqualTo(startedAt.plusSeconds(60));
        assertThat(session().build().cancelled(START).actualEndTime()).isNull();

        CoachingSession ended = active.ended(startedAt.plusSeconds(2700), 45, startedAt.plusSeconds(2700));
        assertThat(ended.minutesUsedAt(Instant.MAX)).isEqualTo(45);
        assertThat(active.minutesUsedAt(startedAt.plusSeconds(2690))).isEqualTo(45);
        assertThat(session().build().minutesUsedAt(START.plusSeconds(600))).isZero();
    }

    /** Issue 7 item 17: cancelling a running session counts its used minutes as an end does. */
    @Test
    void cancellingARunningSessionCountsTheMinutesUsedSoFar() {
        Instant startedAt = START.plusSeconds(300);
        CoachingSession active = session().build().started(startedAt);

        CoachingSession cancelled = active.cancelled(startedAt.plusSeconds(20 * 60 + 5));

        assertThat(cancelled.minutesUsed()).isEqualTo(21);
        assertThat(cancelled.minutesUsedAt(Instant.MAX)).isEqualTo(21);
        assertThat(session().build().cancelled(START).minutesUsed()).isNull();
        assertThat(session().build().cancelled(START).minutesUsedAt(Instant.MAX)).isZero();
    }

    @Test
    void clientsFilterByTheFourStatusesOfSeed000() {
        assertThat(SessionStatus.filter("scheduled")).contains(SessionStatus.SCHEDULED);
        assertThat(SessionStatus.filter("cancelled")).contains(SessionStatus.CANCELLED);
        assertThat(SessionStatus.filter("pending")).isEmpty();
        assertThat(SessionStatus.filter("failed")).isEmpty();
    }
}
