package io.coachwork.scheduling.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    @Test
    void parsesStrictHoursAndMinutesWithMidnightAsTheEndOfTheDay() {
        LocalTimeRange evening = LocalTimeRange.parse("22:30", "24:00");

        assertThat(evening.startMinute()).isEqualTo(22 * 60 + 30);
        assertThat(evening.endMinute()).isEqualTo(1440);
        assertThat(evening.endsAtMidnight()).isTrue();
        assertThat(evening).hasToString("22:30-24:00");
        assertThat(LocalTimeRange.parse("00:00", "00:05").minutes()).isEqualTo(5);
    }

    @Test
    void refusesMalformedTimesNamingTheField() {
        assertViolation(() -> LocalTimeRange.parse("9:00", "10:00"), "start_time", "HH:mm");
        assertViolation(() -> LocalTimeRange.parse("09:00", "10:60"), "end_time", "HH:mm");
        assertViolation(() -> LocalTimeRange.parse("24:00", "24:00"), "start_time", "HH:mm");
        assertViolation(() -> LocalTimeRange.parse("09:00", "nine"), "end_time", "\"nine\"");
        assertViolation(() -> LocalTimeRange.parse(null, "10:00"), "start_time", "required");
        assertViolation(() -> LocalTimeRange.parse("10:00", "10:00"), "end_time", "must be after start_time 10:00");
        assertViolation(() -> LocalTimeRange.parse("11:00", "10:00"), "end_time", "must be after");
        assertViolation(() -> new LocalTimeRange(LocalTime.of(9, 0, 30), LocalTime.of(10, 0)), "start_time", "whole minutes");
    }

    @Test
    void refusesOverlappingBlocksNamingBoth() {
        List<WeeklyBlock> blocks = List.of(
                block(DayOfWeek.MONDAY, "09:00", "12:00"),
                block(DayOfWeek.TUESDAY, "10:00", "12:00"),
                block(DayOfWeek.MONDAY, "11:30", "13:00"));

        assertViolation(() -> new WeeklySchedule("Default", LAGOS, blocks), "blocks",
                "Blocks MONDAY 09:00-12:00 and MONDAY 11:30-13:00 overlap");
    }

    @Test
    void acceptsTouchingBlocksAndKeepsThemSorted() {
        WeeklySchedule schedule = new WeeklySchedule("Default", LAGOS, List.of(
                block(DayOfWeek.TUESDAY, "08:00", "09:00"),
                block(DayOfWeek.MONDAY, "12:00", "15:00"),
                block(DayOfWeek.MONDAY, "09:00", "12:00")));

        assertThat(schedule.blocks()).extracting(WeeklyBlock::toString)
                .containsExactly("MONDAY 09:00-12:00", "MONDAY 12:00-15:00", "TUESDAY 08:00-09:00");
        assertThat(schedule.rangesOn(DayOfWeek.MONDAY)).hasSize(2);
        assertThat(schedule.rangesOn(DayOfWeek.SUNDAY)).isEmpty();
    }

    @Test
    void needsANameAndAZone() {
        assertViolation(() -> new WeeklySchedule(" ", LAGOS, List.of()), "name", "name");
        assertViolation(() -> new WeeklySchedule("Default", null, List.of()), "timezone", "zone");
    }

    @Test
    void presetsFillTheChosenWeekdays() {
        List<WeeklyBlock> blocks = Preset.blocks(EnumSet.of(Preset.EVENING, Preset.MORNING),
                List.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY));

        assertThat(blocks).extracting(WeeklyBlock::toString).containsExactly(
                "MONDAY 08:00-12:00", "MONDAY 17:00-21:00", "WEDNESDAY 08:00-12:00", "WEDNESDAY 17:00-21:00");
        assertThat(new WeeklySchedule("Presets", LAGOS, Preset.blocks(EnumSet.allOf(Preset.class),
                EnumSet.allOf(DayOfWeek.class))).blocks()).hasSize(21);
        assertViolation(() -> Preset.blocks(List.of(), List.of(DayOfWeek.MONDAY)), "presets", "MORNING");
        assertViolation(() -> Preset.blocks(List.of(Preset.MORNING), List.of()), "days", "weekday");
    }

    @Test
    void anOverrideReplacesTheWeekdayAndAHolidayWinsOverBoth() {
        WeeklySchedule schedule = new WeeklySchedule("Default", LAGOS, List.of(
                block(DayOfWeek.MONDAY, "09:00", "12:00"), block(DayOfWeek.MONDAY, "12:00", "13:00")));
        LocalDate monday = LocalDate.of(2027, 3, 1);
        Availability availability = new Availability(schedule,
                List.of(new DateOverride(monday.plusWeeks(1), List.of(LocalTimeRange.parse("15:00", "16:00"))),
                        new DateOverride(monday.plusWeeks(3), List.of(LocalTimeRange.parse("15:00", "16:00")))),
                List.of(new Holiday(monday.plusWeeks(2), monday.plusWeeks(3))));

        assertThat(availability.rangesOn(monday)).containsExactly(LocalTimeRange.parse("09:00", "13:00"));
        assertThat(availability.rangesOn(monday.plusDays(1))).isEmpty();
        assertThat(availability.rangesOn(monday.plusWeeks(1))).containsExactly(LocalTimeRange.parse("15:00", "16:00"));
        assertThat(availability.rangesOn(monday.plusWeeks(2))).isEmpty();
        assertThat(availability.rangesOn(monday.plusWeeks(3))).isEmpty();
        assertThat(availability.rangesOn(monday.plusWeeks(4))).containsExactly(LocalTimeRange.parse("09:00", "13:00"));
    }

    @Test
    void refusesContradictoryOverridesAndHolidays() {
        LocalDate date = LocalDate.of(2027, 3, 1);
        WeeklySchedule schedule = new WeeklySchedule("Default", LAGOS, List.of());

        assertViolation(() -> new DateOverride(date, List.of(LocalTimeRange.parse("09:00", "11:00"),
                LocalTimeRange.parse("10:00", "12:00"))), "blocks", "09:00-11:00 and 10:00-12:00 on 2027-03-01 overlap");
        assertViolation(() -> new Availability(schedule, List.of(new DateOverride(date, List.of()),
                new DateOverride(date, List.of())), List.of()), "overrides", "Two overrides for 2027-03-01");
        assertViolation(() -> new Holiday(date, date.minusDays(1)), "to", "before");
        assertThat(Holiday.on(date).covers(date)).isTrue();
        assertThat(Holiday.on(date).covers(date.plusDays(1))).isFalse();
    }

    static WeeklyBlock block(DayOfWeek day, String start, String end) {
        return new WeeklyBlock(day, LocalTimeRange.parse(start, end));
    }

    static void assertViolation(Runnable action, String field, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AvailabilityRuleViolation.class, violation -> {
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.getMessage()).contains(messagePart);
        });
    }
}
