package io.coachwork.scheduling.availability.domain;

import static io.coachwork.scheduling.availability.domain.WeeklyScheduleTest.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotGeneratorTest {

    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate MONDAY = LocalDate.of(2027, 3, 1);

    @Test
    void stepsAtTheIncrementFromTheBlockStartAndEndsWithinTheBlock() {
        SlotGenerator generator = generator(LAGOS, List.of(block(DayOfWeek.MONDAY, "09:10", "11:00")),
                rules(30, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of());

        assertThat(localStarts(generator.between(at(LAGOS, MONDAY, "00:00"), at(LAGOS, MONDAY, "00:00"),
                at(LAGOS, MONDAY.plusDays(1), "00:00"), 60)))
                .containsExactly(local(MONDAY, "09:10"), local(MONDAY, "09:40"));
    }

    @Test
    void touchingBlocksAreOneStretchAndABlockMayRunToMidnight() {
        SlotGenerator generator = generator(LAGOS, List.of(block(DayOfWeek.MONDAY, "22:00", "23:00"),
                        block(DayOfWeek.MONDAY, "23:00", "24:00")),
                rules(30, 90, Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of());

        List<BookableTime> times = generator.between(at(LAGOS, MONDAY, "00:00"), at(LAGOS, MONDAY, "00:00"),
                at(LAGOS, MONDAY.plusDays(2), "00:00"), 90);

        assertThat(localStarts(times)).containsExactly(local(MONDAY, "22:00"), local(MONDAY, "22:30"));
        assertThat(times.get(1).end()).isEqualTo(at(LAGOS, MONDAY.plusDays(1), "00:00"));
    }

    @Test
    void keepsClearOfBusyTimeWidenedByTheBuffers() {
        Busy booked = new Busy(at(LAGOS, MONDAY, "10:00"), at(LAGOS, MONDAY, "11:00"));
        SlotGenerator generator = generator(LAGOS, List.of(block(DayOfWeek.MONDAY, "08:00", "14:00")),
                rules(15, 60, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ZERO), List.of(booked));

        List<LocalDateTime> starts = localStarts(generator.between(at(LAGOS, MONDAY, "00:00"),
                at(LAGOS, MONDAY, "00:00"), at(LAGOS, MONDAY, "23:00"), 60));

        assertThat(starts).startsWith(local(MONDAY, "08:00"), local(MONDAY, "08:15"), local(MONDAY, "08:30"),
                        local(MONDAY, "08:45"), local(MONDAY, "11:30"))
                .endsWith(local(MONDAY, "13:00")).hasSize(11);
    }

    @Test
    void respectsTheMinimumNoticeTheHorizonAndTheQueryWindow() {
        BookingRules rules = new BookingRules(60, 60, 60, 60, Duration.ZERO, Duration.ZERO, Duration.ofHours(2),
                Duration.ofDays(2));
        SlotGenerator generator = generator(LAGOS, Preset.blocks(EnumSet.of(Preset.MORNING),
                EnumSet.allOf(DayOfWeek.class)), rules, List.of());
        Instant now = at(LAGOS, MONDAY, "08:30");

        assertThat(localStarts(generator.between(now, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7)), 60)))
                .containsExactly(local(MONDAY, "11:00"), local(MONDAY.plusDays(1), "08:00"),
                        local(MONDAY.plusDays(1), "09:00"), local(MONDAY.plusDays(1), "10:00"),
                        local(MONDAY.plusDays(1), "11:00"), local(MONDAY.plusDays(2), "08:00"));
        assertThat(localStarts(generator.between(now, at(LAGOS, MONDAY.plusDays(1), "09:00"),
                at(LAGOS, MONDAY.plusDays(1), "11:00"), 60)))
                .containsExactly(local(MONDAY.plusDays(1), "09:00"), local(MONDAY.plusDays(1), "10:00"));
    }

    @Test
    void skipsTheSpringForwardGapAndCountsRealMinutes() {
        LocalDate changeDay = LocalDate.of(2027, 3, 14);
        SlotGenerator generator = generator(NEW_YORK, List.of(block(DayOfWeek.SUNDAY, "00:00", "05:00")),
                rules(30, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of());

        List<BookableTime> times = generator.between(at(NEW_YORK, changeDay.minusDays(1), "00:00"),
                at(NEW_YORK, changeDay, "00:00"), at(NEW_YORK, changeDay.plusDays(1), "00:00"), 60);

        assertThat(localStarts(times)).containsExactly(local(changeDay, "00:00"), local(changeDay, "00:30"),
                local(changeDay, "01:00"), local(changeDay, "01:30"), local(changeDay, "03:00"),
                local(changeDay, "03:30"), local(changeDay, "04:00"));
        assertThat(times).allSatisfy(time -> assertThat(Duration.between(time.start(), time.end())).hasMinutes(60));
        assertThat(times.get(3).end().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void offersTheRepeatedFallBackHourOnce() {
        LocalDate changeDay = LocalDate.of(2027, 11, 7);
        SlotGenerator generator = generator(NEW_YORK, List.of(block(DayOfWeek.SUNDAY, "00:00", "03:00")),
                rules(30, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of());

        List<BookableTime> times = generator.between(at(NEW_YORK, changeDay.minusDays(1), "00:00"),
                at(NEW_YORK, changeDay, "00:00"), at(NEW_YORK, changeDay.plusDays(1), "00:00"), 60);

        // 01:00 and 01:30 EDT would end in the second 01:xx (EST), which a slot's HH:mm end cannot name.
        assertThat(localStarts(times)).containsExactly(local(changeDay, "00:00"), local(changeDay, "00:30"),
                local(changeDay, "02:00"));
        assertThat(times.get(1).end()).isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
        assertThat(times.get(2).start()).isEqualTo(Instant.parse("2027-11-07T07:00:00Z"));
        assertThat(times.get(2).end()).isEqualTo(Instant.parse("2027-11-07T08:00:00Z"));
    }

    @Test
    void offersTheRepeatedHourOnlyWhereASlotCanNameIt() {
        LocalDate changeDay = LocalDate.of(2027, 11, 7);
        SlotGenerator generator = generator(NEW_YORK, List.of(block(DayOfWeek.SUNDAY, "01:00", "02:00")),
                rules(30, 30, Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of());

        List<BookableTime> times = generator.between(at(NEW_YORK, changeDay.minusDays(1), "00:00"),
                at(NEW_YORK, changeDay, "00:00"), at(NEW_YORK, changeDay.plusDays(1), "00:00"), 30);

        // 01:30 EDT + 30 minutes ends at the second 01:00 (EST): not storable as a slot, so not offered.
        assertThat(times).extracting(BookableTime::start).containsExactly(Instant.parse("2027-11-07T05:00:00Z"));
    }

    @Test
    void aGeneratedTimeBecomesTheSlotThatStoresIt() {
        SlotGenerator generator = generator(LAGOS, List.of(block(DayOfWeek.MONDAY, "23:00", "24:00")),
                BookingRules.hourly(), List.of());
        BookableTime time = generator.firstAvailable(at(LAGOS, MONDAY, "00:00"), 60).orElseThrow();

        Slot slot = Slot.of(time, LAGOS, SessionType.ONE_TO_ONE, 1);

        assertThat(slot).hasToString("2027-03-01 23:00-24:00 (Africa/Lagos)");
        assertThat(slot.durationMinutes()).isEqualTo(60);
        assertThat(slot.busy()).isEqualTo(new Busy(time.start(), time.end()));
    }

    @Test
    void aNineOClockBlockStaysAtNineAcrossTheChange() {
        ZoneId london = ZoneId.of("Europe/London");
        SlotGenerator generator = generator(london, Preset.blocks(EnumSet.of(Preset.MORNING),
                EnumSet.allOf(DayOfWeek.class)).stream().map(block -> WeeklyBlock.of(block.day(),
                LocalTime.of(9, 0), LocalTime.of(10, 0))).toList(), BookingRules.hourly(), List.of());
        Instant now = Instant.parse("2027-03-25T00:00:00Z");

        assertThat(generator.between(now, now, Instant.parse("2027-03-31T00:00:00Z"), 60))
                .extracting(BookableTime::start).containsExactly(Instant.parse("2027-03-25T09:00:00Z"),
                        Instant.parse("2027-03-26T09:00:00Z"), Instant.parse("2027-03-27T09:00:00Z"),
                        Instant.parse("2027-03-28T08:00:00Z"), Instant.parse("2027-03-29T08:00:00Z"),
                        Instant.parse("2027-03-30T08:00:00Z"));
    }

    @Test
    void overridesAndHolidaysShapeTheDays() {
        WeeklySchedule schedule = new WeeklySchedule("Default", LAGOS, List.of(block(DayOfWeek.MONDAY, "09:00", "10:00"),
                block(DayOfWeek.TUESDAY, "09:00", "10:00")));
        Availability availability = new Availability(schedule,
                List.of(new DateOverride(MONDAY, List.of(LocalTimeRange.parse("14:00", "15:00")))),
                List.of(Holiday.on(MONDAY.plusDays(1))));
        SlotGenerator generator = new SlotGenerator(availability, BookingRules.hourly(), List.of());
        Instant now = at(LAGOS, MONDAY, "00:00");

        assertThat(localStarts(generator.between(now, now, now.plus(Duration.ofDays(8)), 60)))
                .containsExactly(local(MONDAY, "14:00"), local(MONDAY.plusWeeks(1), "09:00"));
    }

    @Test
    void firstAvailableStopsAtTheSoonestFreeTime() {
        Busy mondayTaken = new Busy(at(LAGOS, MONDAY, "08:00"), at(LAGOS, MONDAY, "12:00"));
        SlotGenerator generator = generator(LAGOS, Preset.blocks(EnumSet.of(Preset.MORNING),
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY)), BookingRules.hourly(), List.of(mondayTaken));
        Instant now = at(LAGOS, MONDAY, "07:00");

        assertThat(generator.firstAvailable(now, 60)).map(BookableTime::localStart)
                .contains(local(MONDAY.plusDays(2), "08:00"));
        assertThat(generator.firstAvailable(now, 60)).contains(generator.between(now, now,
                now.plus(Duration.ofDays(28)), 60).get(0));
        assertThat(generator(LAGOS, List.of(), BookingRules.hourly(), List.of()).firstAvailable(now, 60)).isEmpty();
    }

    @Test
    void refusesADurationTheRulesDoNotOfferAndAnEmptyWindow() {
        SlotGenerator generator = generator(LAGOS, List.of(), rules(15, 30, Duration.ZERO, Duration.ZERO,
                Duration.ZERO), List.of());
        Instant now = at(LAGOS, MONDAY, "07:00");

        assertViolation(() -> generator.between(now, now, now.plusSeconds(3600), 45), "duration_minutes", "[30]");
        assertViolation(() -> generator.between(now, now, now, 30), "to", "after from");
        assertViolation(() -> generator.firstAvailable(now, 60), "duration_minutes", "got 60");
    }

    @Test
    void bookingRulesOfferDurationsFromTheMinimumInIncrements() {
        BookingRules rules = new BookingRules(15, 30, 90, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                BookingRules.FOUR_WEEKS);

        assertThat(rules.allowedDurations()).containsExactly(30, 45, 60, 75, 90);
        assertViolation(() -> new BookingRules(15, 30, 90, 50, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                BookingRules.FOUR_WEEKS), "default_duration_minutes", "[30, 45, 60, 75, 90]");
        assertViolation(() -> new BookingRules(15, 60, 30, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                BookingRules.FOUR_WEEKS), "max_duration_minutes", "minimum (60)");
        assertViolation(() -> new BookingRules(3, 30, 30, 30, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                BookingRules.FOUR_WEEKS), "increment_minutes", "5 to 1440");
        assertViolation(() -> new BookingRules(15, 30, 30, 30, Duration.ofMinutes(-5), Duration.ZERO, Duration.ZERO,
                BookingRules.FOUR_WEEKS), "buffer_before_minutes", "between 0");
        assertViolation(() -> new BookingRules(15, 30, 30, 30, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofDays(29)), "horizon", "40320");
    }

    private static BookingRules rules(int increment, int duration, Duration before, Duration after, Duration notice) {
        return new BookingRules(increment, duration, duration, duration, before, after, notice, BookingRules.FOUR_WEEKS);
    }

    private static SlotGenerator generator(ZoneId zone, List<WeeklyBlock> blocks, BookingRules rules, List<Busy> busy) {
        return new SlotGenerator(Availability.weekly(new WeeklySchedule("Default", zone, blocks)), rules, busy);
    }

    private static WeeklyBlock block(DayOfWeek day, String start, String end) {
        return WeeklyScheduleTest.block(day, start, end);
    }

    private static Instant at(ZoneId zone, LocalDate date, String time) {
        return ZonedDateTime.of(local(date, time), zone).toInstant();
    }

    private static LocalDateTime local(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time));
    }

    private static List<LocalDateTime> localStarts(List<BookableTime> times) {
        return times.stream().map(BookableTime::localStart).toList();
    }
}
