package io.coachwork.notification.reminder;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static io.coachwork.notification.reminder.ReminderKind.DAY_BEFORE;
import static io.coachwork.notification.reminder.ReminderKind.HOUR_BEFORE;
import static io.coachwork.notification.reminder.ReminderRules.Decision.NOT_DUE;
import static io.coachwork.notification.reminder.ReminderRules.Decision.SEND;
import static io.coachwork.notification.reminder.ReminderRules.Decision.STALE;
import static org.assertj.core.api.Assertions.assertThat;

class ReminderRulesTest {

    private static final Instant START = Instant.parse("2030-05-10T09:00:00Z");

    @Test
    void aSessionBookedWellAheadGetsBothRemindersAtTwentyFourAndOneHourBefore() {
        assertThat(ReminderRules.plan(START, START.minus(Duration.ofDays(3)))).containsExactly(
                new ReminderRules.Planned(DAY_BEFORE, Instant.parse("2030-05-09T09:00:00Z")),
                new ReminderRules.Planned(HOUR_BEFORE, Instant.parse("2030-05-10T08:00:00Z")));
    }

    @Test
    void remindersWhoseTimeHasPassedAtSchedulingAreLeftOut() {
        assertThat(ReminderRules.plan(START, START.minus(Duration.ofHours(3))))
                .extracting(ReminderRules.Planned::kind).containsExactly(HOUR_BEFORE);
        assertThat(ReminderRules.plan(START, START.minus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(ReminderRules.plan(START, START.minus(Duration.ofHours(24)))).extracting(ReminderRules.Planned::kind)
                .containsExactly(HOUR_BEFORE);
    }

    @Test
    void aReminderIsSentFromItsDueTimeUntilACloserOneIsDueOrTheSessionStarts() {
        assertThat(ReminderRules.decide(DAY_BEFORE, START, START.minus(Duration.ofHours(25)))).isEqualTo(NOT_DUE);
        assertThat(ReminderRules.decide(DAY_BEFORE, START, START.minus(Duration.ofHours(24)))).isEqualTo(SEND);
        assertThat(ReminderRules.decide(DAY_BEFORE, START, START.minus(Duration.ofHours(2)))).isEqualTo(SEND);
        assertThat(ReminderRules.decide(DAY_BEFORE, START, START.minus(Duration.ofMinutes(59)))).isEqualTo(STALE);
        assertThat(ReminderRules.decide(HOUR_BEFORE, START, START.minus(Duration.ofMinutes(61)))).isEqualTo(NOT_DUE);
        assertThat(ReminderRules.decide(HOUR_BEFORE, START, START.minus(Duration.ofMinutes(59)))).isEqualTo(SEND);
        assertThat(ReminderRules.decide(HOUR_BEFORE, START, START)).isEqualTo(STALE);
    }
}
