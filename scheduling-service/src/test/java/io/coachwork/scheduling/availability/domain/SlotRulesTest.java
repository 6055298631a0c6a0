package io.coachwork.scheduling.availability.domain;

import static io.coachwork.scheduling.availability.domain.WeeklyScheduleTest.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotRulesTest {

    // 2027-01-13 09:00 in Lagos (UTC+1): "today" for the tutor is 2027-01-13, the last date four weeks on is 02-10.
    private static final Instant NOW = Instant.parse("2027-01-13T08:00:00Z");

    @Test
    void parsesSeed002FieldsWithSeatsDefaultingToTheSessionType() {
        Slot oneToOne = SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "ONE_TO_ONE", null, "Africa/Lagos"));
        Slot group = SlotRules.parse(input("2027-01-20", "18:00", "19:30", 90, "GROUP", null, "Africa/Lagos"));

        assertThat(oneToOne.maxParticipants()).isEqualTo(1);
        assertThat(oneToOne.startsAt()).isEqualTo(Instant.parse("2027-01-20T09:00:00Z"));
        assertThat(oneToOne.endsAt()).isEqualTo(Instant.parse("2027-01-20T10:00:00Z"));
        assertThat(group.maxParticipants()).isEqualTo(20);
        assertThat(SlotRules.parse(input("2027-01-20", "18:00", "19:30", 90, "GROUP", 5, "Africa/Lagos"))
                .maxParticipants()).isEqualTo(5);
    }

    @Test
    void refusesBadInputNamingTheField() {
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "9:00", "10:00", 60, "ONE_TO_ONE", null, "Africa/Lagos")),
                "start_time", "HH:mm");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "ONE_TO_ONE", null, "Mars/Olympus")),
                "timezone", "Unknown time zone \"Mars/Olympus\"");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 45, "ONE_TO_ONE", null, "Africa/Lagos")),
                "duration_minutes", "duration_minutes must be 60");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "GROUP", 21, "Africa/Lagos")),
                "max_participants", "1 to 20 participants, got 21");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "ONE_TO_ONE", 2, "Africa/Lagos")),
                "max_participants", "exactly 1");
        assertViolation(() -> SlotRules.parse(input("next tuesday", "10:00", "11:00", 60, "ONE_TO_ONE", null, "Africa/Lagos")),
                "slot_date", "YYYY-MM-DD, got \"next tuesday\"");
        assertViolation(() -> SlotRules.parse(input("2027-02-30", "10:00", "11:00", 60, "ONE_TO_ONE", null, "Africa/Lagos")),
                "slot_date", "YYYY-MM-DD");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "PRIVATE", null, "Africa/Lagos")),
                "session_type", "ONE_TO_ONE or GROUP");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", null, "GROUP", null, "Africa/Lagos")),
                "duration_minutes", "required");
        assertViolation(() -> SlotRules.parse(input("2027-01-20", "10:00", "11:00", 60, "GROUP", null, null)),
                "timezone", "required");
    }

    @Test
    void countsTheRealMinutesOfASlotAcrossAClockChange() {
        assertThat(SlotRules.parse(input("2027-03-14", "01:00", "03:00", 60, "ONE_TO_ONE", null, "America/New_York"))
                .durationMinutes()).isEqualTo(60);
        assertViolation(() -> SlotRules.parse(input("2027-03-14", "01:00", "03:00", 120, "ONE_TO_ONE", null,
                "America/New_York")), "duration_minutes", "lasts 60 minutes");
        assertViolation(() -> SlotRules.parse(input("2027-03-14", "02:30", "03:30", 60, "ONE_TO_ONE", null,
                "America/New_York")), "start_time", "does not exist");
        assertViolation(() -> SlotRules.parse(input("2027-03-14", "01:00", "02:30", 60, "ONE_TO_ONE", null,
                "America/New_York")), "end_time", "does not exist");
    }

    @Test
    void refusesPastSlotsAndSlotsBeyondFourWeeks() {
        assertViolation(() -> SlotRules.checkNew(slot("2027-01-13", "09:00", "10:00"), NOW, List.of()),
                "slot_date", "in the past");
        assertViolation(() -> SlotRules.checkNew(slot("2027-02-11", "09:00", "10:00"), NOW, List.of()),
                "slot_date", "the last date is 2027-02-10, got 2027-02-11");
        assertThatCode(() -> SlotRules.checkNew(slot("2027-01-13", "09:30", "10:00"), NOW, List.of())).doesNotThrowAnyException();
        assertThatCode(() -> SlotRules.checkNew(slot("2027-02-10", "23:00", "24:00"), NOW, List.of())).doesNotThrowAnyException();
    }

    @Test
    void refusesAnOverlapNamingTheSlotItOverlaps() {
        List<ExistingSlot> others = List.of(new ExistingSlot("s-1", slot("2027-01-20", "10:00", "11:00")),
                new ExistingSlot("s-2", slot("2027-01-20", "12:00", "13:00")));

        assertViolation(() -> SlotRules.checkNew(slot("2027-01-20", "10:30", "11:30"), NOW, others), "start_time",
                "overlaps slot s-1 (2027-01-20 10:00-11:00 (Africa/Lagos))");
        assertViolation(() -> SlotRules.checkNew(slot("2027-01-20", "09:00", "14:00"), NOW, others), "start_time",
                "overlaps slot s-1");
        assertThatCode(() -> SlotRules.checkNew(slot("2027-01-20", "11:00", "12:00"), NOW, others)).doesNotThrowAnyException();
    }

    @Test
    void comparesSlotsInDifferentZonesByTheirInstants() {
        Slot inLondon = SlotRules.parse(input("2027-01-20", "09:00", "10:00", 60, "ONE_TO_ONE", null, "Europe/London"));
        List<ExistingSlot> others = List.of(new ExistingSlot("s-1", slot("2027-01-20", "10:00", "11:00")));

        assertViolation(() -> SlotRules.checkNew(inLondon, NOW, others), "start_time", "overlaps slot s-1");
    }

    @Test
    void aSlotThatHasStartedCannotBeChangedOrDeleted() {
        ExistingSlot started = new ExistingSlot("s-1", slot("2027-01-13", "09:00", "10:00"));

        assertThatThrownBy(() -> SlotRules.checkChange(started, slot("2027-01-14", "09:00", "10:00"), NOW, List.of(started)))
                .isInstanceOfSatisfying(AvailabilityRuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(AvailabilityRuleViolation.Kind.CONFLICT);
                    assertThat(violation.getMessage()).contains("s-1", "in the past and cannot be changed");
                });
        assertThatThrownBy(() -> SlotRules.checkDelete(started, NOW, 0))
                .isInstanceOfSatisfying(AvailabilityRuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(AvailabilityRuleViolation.Kind.CONFLICT);
                    assertThat(violation.getMessage()).contains("cannot be deleted");
                });
    }

    @Test
    void aFutureSlotMovesOverItsOwnTimeButNotOverAnother() {
        ExistingSlot current = new ExistingSlot("s-1", slot("2027-01-20", "10:00", "11:00"));
        ExistingSlot other = new ExistingSlot("s-2", slot("2027-01-20", "11:30", "12:30"));

        assertThatCode(() -> SlotRules.checkChange(current, slot("2027-01-20", "10:30", "11:30"), NOW,
                List.of(current, other))).doesNotThrowAnyException();
        assertViolation(() -> SlotRules.checkChange(current, slot("2027-01-20", "11:00", "12:00"), NOW,
                List.of(current, other)), "start_time", "overlaps slot s-2");
        assertViolation(() -> SlotRules.checkChange(current, slot("2027-01-12", "11:00", "12:00"), NOW,
                List.of(current, other)), "slot_date", "in the past");
    }

    @Test
    void aBookedSlotIsCancelledNotDeleted() {
        ExistingSlot booked = new ExistingSlot("s-1", slot("2027-01-20", "10:00", "11:00"));

        assertThatThrownBy(() -> SlotRules.checkDelete(booked, NOW, 2))
                .isInstanceOfSatisfying(AvailabilityRuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(AvailabilityRuleViolation.Kind.CONFLICT);
                    assertThat(violation.getMessage()).isEqualTo("Slot s-1 has 2 bookings: cancel it instead of deleting it");
                });
        assertThatCode(() -> SlotRules.checkDelete(booked, NOW, 0)).doesNotThrowAnyException();
    }

    @Test
    void pricesHourlyRateTimesMinutesOverSixtyRoundedHalfUp() {
        assertThat(Price.of(6_000, 30)).isEqualTo(3_000);
        assertThat(Price.of(6_000, 90)).isEqualTo(9_000);
        assertThat(Price.of(90, 1)).isEqualTo(2);
        assertThat(Price.of(89, 1)).isEqualTo(1);
        assertThat(Price.of(4_999, 45)).isEqualTo(3_749);
        assertThat(Price.of(0, 60)).isZero();
        assertViolation(() -> Price.of(-1, 60), "hourly_rate", "negative");
        assertViolation(() -> Price.of(6_000, 0), "duration_minutes", "at least one minute");
    }

    private static Slot slot(String date, String start, String end) {
        LocalTimeRange time = LocalTimeRange.parse(start, end);
        return new Slot(LocalDate.parse(date), time, time.minutes(), SessionType.ONE_TO_ONE, 1,
                ZoneId.of("Africa/Lagos"));
    }

    private static SlotInput input(String date, String start, String end, Integer minutes, String type,
                                   Integer seats, String zone) {
        return new SlotInput(date, start, end, minutes, type, seats, zone);
    }
}
