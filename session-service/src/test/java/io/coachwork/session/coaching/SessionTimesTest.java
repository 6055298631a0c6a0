package io.coachwork.session.coaching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time rules: the creation window, used minutes rounded up and capped, warnings and auto-end. */
class SessionTimesTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");
    private static final Duration AHEAD = Duration.ofDays(365);

    @Test
    void aWindowIsParsedFromIso8601WithOrWithoutAnOffset() {
        SessionTimes.Window window = SessionTimes.window("2024-01-20T14:00:00.000Z", "2024-01-20T16:00:00+01:00", NOW, 60, AHEAD);
        assertThat(window.start()).isEqualTo(Instant.parse("2024-01-20T14:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2024-01-20T15:00:00Z"));
        assertThat(window.durationMinutes()).isEqualTo(60);
    }

    @Test
    void withoutAnEndTheSessionLastsTheDefaultDuration() {
        SessionTimes.Window window = SessionTimes.window("2024-01-20T14:00:00Z", null, NOW, 45, AHEAD);
        assertThat(window.end()).isEqualTo(Instant.parse("2024-01-20T14:45:00Z"));
        assertThat(window.durationMinutes()).isEqualTo(45);
    }

    @Test
    void aPartialMinuteOfDurationCountsAsAWholeOne() {
        assertThat(SessionTimes.window("2024-01-20T14:00:00Z", "2024-01-20T14:30:01Z", NOW, 60, AHEAD).durationMinutes())
                .isEqualTo(31);
        assertThat(SessionTimes.window("2024-01-20T14:00:00Z", "2024-01-20T14:00:00.000000001Z", NOW, 60, AHEAD)
                .durationMinutes()).isEqualTo(1);
    }

    @Test
    void badWindowsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SessionTimes.window("2024-01-20T15:00:00Z", "2024-01-20T15:00:00Z", NOW, 60, AHEAD))
                .isInstanceOfSatisfying(SessionRuleViolation.class, v -> assertThat(v.field()).isEqualTo("end_time"))
                .hasMessage("end_time must be after start_time");
        assertThatThrownBy(() -> SessionTimes.window("20/01/2024 14:00", "2024-01-20T15:00:00Z", NOW, 60, AHEAD))
                .hasMessage("start_time must be an ISO-8601 date-time such as 2024-01-20T14:00:00.000Z");
        assertThatThrownBy(() -> SessionTimes.window(null, "2024-01-20T15:00:00Z", NOW, 60, AHEAD))
                .hasMessage("start_time is required");
        assertThatThrownBy(() -> SessionTimes.window("2024-01-20T14:00:00Z", "2024-01-20T22:00:01Z", NOW, 60, AHEAD))
                .hasMessage("A session can last at most 8 hours");
    }

    @Test
    void aStartInThePastIsRefusedBeyondAMinuteOfGrace() {
        assertThat(SessionTimes.window(NOW.minusSeconds(60).toString(), NOW.plusSeconds(3600).toString(), NOW, 60, AHEAD)
                .durationMinutes()).isEqualTo(61);
        assertThatThrownBy(() -> SessionTimes.window(NOW.minusSeconds(61).toString(), NOW.plusSeconds(3600).toString(),
                NOW, 60, AHEAD)).hasMessage("start_time cannot be in the past");
        assertThat(SessionTimes.window("2024-01-20T22:00:00Z", "2024-01-21T06:00:00Z", NOW, 60, AHEAD).durationMinutes())
                .isEqualTo(480);
    }

    @Test
    void datesFarAheadAreRefusedBeforeAnyArithmeticNamingTheField() {
        // 2^32 minutes on: the old int cast wrapped it to a 60-minute session
        String start = "2024-01-20T14:00:00Z";
        String wrapped = Instant.parse(start).plus(Duration.ofMinutes((1L << 32) + 60)).toString();
        assertThatThrownBy(() -> SessionTimes.window(start, wrapped, NOW, 60, AHEAD))
                .isInstanceOfSatisfying(SessionRuleViolation.class, v -> assertThat(v.field()).isEqualTo("end_time"))
                .hasMessage("A session can last at most 8 hours");
        for (String end : List.of("+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999-18:00")) {
            assertThatThrownBy(() -> SessionTimes.window(start, end, NOW, 60, AHEAD))
                    .isInstanceOfSatisfying(SessionRuleViolation.class, v -> assertThat(v.field()).isEqualTo("end_time"));
        }
        for (String far : List.of("+300000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2025-01-15T10:00:01Z")) {
            assertThatThrownBy(() -> SessionTimes.window(far, null, NOW, 60, AHEAD))
                    .isInstanceOfSatisfying(SessionRuleViolation.class, v -> assertThat(v.field()).isEqualTo("start_time"))
                    .hasMessage("start_time can be at most 365 days ahead");
        }
        assertThat(SessionTimes.window("2025-01-14T10:00:00Z", null, NOW, 60, AHEAD).durationMinutes()).isEqualTo(60);
        assertThatThrownBy(() -> SessionTimes.window("-999999999-01-01T00:00:00+18:00", null, NOW, 60, AHEAD))
                .hasMessage("start_time cannot be in the past");
        assertThatThrownBy(() -> SessionTimes.window("+1000000000-01-01T00:00:00Z", null, NOW, 60, AHEAD))
                .hasMessage("start_time must be an ISO-8601 date-time such as 2024-01-20T14:00:00.000Z");
    }

    @Test
    void usedMinutesAreTheActualMinutesRoundedUpAndNeverMoreThanReserved() {
        Instant start = Instant.parse("2024-01-20T14:05:00Z");
        assertThat(SessionTimes.usedMinutes(start, start.plusSeconds(45 * 60), 60)).isEqualTo(45);
        assertThat(SessionTimes.usedMinutes(start, start.plusSeconds(44 * 60 + 1), 60)).isEqualTo(45);
        assertThat(SessionTimes.usedMinutes(start, start.plusMillis(1), 60)).isEqualTo(1);
        assertThat(SessionTimes.usedMinutes(start, start, 60)).isZero();
        assertThat(SessionTimes.usedMinutes(start, start.minusSeconds(5), 60)).isZero();
        assertThat(SessionTimes.usedMinutes(start, start.plus(Duration.ofMinutes(75)), 60)).isEqualTo(60);
        assertThat(SessionTimes.usedMinutes(null, start, 60)).isZero();
    }

    @Test
    void warningsComeAtTheThresholdAndAtFiveMinutesLeft() {
        Instant end = Instant.parse("2024-01-20T15:00:00Z");
        assertThat(SessionTimes.warningPoints(10)).containsExactly(10, 5);
        assertThat(SessionTimes.warningPoints(5)).containsExactly(5);
        assertThat(SessionTimes.warningPoints(3)).containsExactly(3);

        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(601), 10, List.of())).isEmpty();
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(600), 10, List.of()))
                .contains(new SessionTimes.Warning(10, 10));
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(590), 10, List.of(10))).isEmpty();
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(300), 10, List.of(10)))
                .contains(new SessionTimes.Warning(5, 5));
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(200), 10, List.of(10, 5))).isEmpty();
        assertThat(SessionTimes.dueWarning(end, end, 10, List.of())).isEmpty();
    }

    @Test
    void aLateRunSendsOnlyTheMostUrgentWarningWithTheMinutesReallyLeft() {
        Instant end = Instant.parse("2024-01-20T15:00:00Z");
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(200), 10, List.of()))
                .contains(new SessionTimes.Warning(5, 4));
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(400), 10, List.of()))
                .contains(new SessionTimes.Warning(10, 7));
        // Raising the threshold after the 10-minute warning went out does not send another one.
        assertThat(SessionTimes.dueWarning(end, end.minusSeconds(480), 15, List.of(10))).isEmpty();
    }

    @Test
    void autoEndIsDueAtTheEndTimeWhenEnabled() {
        Instant end = Instant.parse("2024-01-20T15:00:00Z");
        assertThat(SessionTimes.autoEndDue(end, end.minusMillis(1), true)).isFalse();
        assertThat(SessionTimes.autoEndDue(end, end, true)).isTrue();
        assertThat(SessionTimes.autoEndDue(end, end.plusSeconds(3600), false)).isFalse();
    }
}
