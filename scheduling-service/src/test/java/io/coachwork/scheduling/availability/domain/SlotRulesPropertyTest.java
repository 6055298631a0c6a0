package io.coachwork.scheduling.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Seed 002 input rules over any text and any zone, and the price rule over any rate and length. */
class SlotRulesPropertyTest {

    private static final Set<String> FIELDS = Set.of("slot_date", "start_time", "end_time", "duration_minutes",
            "session_type", "max_participants", "timezone");
    private static final List<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().toList();

    @Property(tries = 2000)
    void anyInputIsASlotOrARefusalNamingAField(@ForAll("dates") String date, @ForAll("times") String start,
                                               @ForAll("times") String end, @ForAll @IntRange(min = -60, max = 1500) int minutes,
                                               @ForAll("types") String type, @ForAll @IntRange(min = -1, max = 25) int seats,
                                               @ForAll("zones") String zone) {
        Throwable refusal = catchThrowable(() -> SlotRules.parse(new SlotInput(date, start, end, minutes, type,
                seats < 0 ? null : seats, zone)));

        if (refusal != null) {
            assertThat(refusal).isInstanceOf(AvailabilityRuleViolation.class);
            assertThat(((AvailabilityRuleViolation) refusal).field()).isIn(FIELDS);
        }
    }

    @Property(tries = 1000)
    void aSlotLastsItsDurationAndStartsAtItsWallClockTime(@ForAll("knownZones") String zoneId,
                                                          @ForAll @IntRange(min = 0, max = 364) int day,
                                                          @ForAll @IntRange(min = 0, max = 287) int startMark,
                                                          @ForAll @IntRange(min = 1, max = 288) int length) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate date = LocalDate.of(2027, 1, 1).plusDays(day);
        LocalTime start = LocalTime.ofSecondOfDay(startMark * 300L);
        LocalTime end = LocalTime.ofSecondOfDay(Math.min(startMark + length, 288) % 288 * 300L);
        LocalTimeRange time = new LocalTimeRange(start, end);
        Throwable refusal = catchThrowable(() -> new Slot(date, time, time.minutes(), SessionType.ONE_TO_ONE, 1, zone));
        // Only a clock change makes the wall-clock length wrong or a time missing, and then the field is named.
        if (refusal != null) {
            assertThat(((AvailabilityRuleViolation) refusal).field()).isIn("start_time", "end_time", "duration_minutes");
            ZoneOffsetTransition change = zone.getRules().nextTransition(date.minusDays(1).atStartOfDay(zone).toInstant());
            assertThat(change).isNotNull();
            assertThat(LocalDate.ofInstant(change.getInstant(), zone)).isBetween(date.minusDays(1), date.plusDays(1));
            return;
        }
        Slot slot = new Slot(date, time, time.minutes(), SessionType.ONE_TO_ONE, 1, zone);
        assertThat(LocalDateTime.ofInstant(slot.startsAt(), zone)).isEqualTo(LocalDateTime.of(date, start));
        assertThat(Duration.between(slot.startsAt(), slot.endsAt())).isEqualTo(Duration.ofMinutes(slot.durationMinutes()));
    }

    @Property
    void priceIsRateTimesMinutesOverSixtyRoundedHalfUp(@ForAll @LongRange(min = 0, max = 100_000_000) long rate,
                                                       @ForAll @IntRange(min = 1, max = 1440) int minutes) {
        long price = Price.of(rate, minutes);
        long exactTimesSixty = rate * minutes;

        assertThat(price * 60 - exactTimesSixty).isGreaterThan(-30).isLessThanOrEqualTo(30);
        assertThat(Price.of(rate, minutes + 1)).isGreaterThanOrEqualTo(price);
        assertThat(Price.of(rate, 60)).isEqualTo(rate);
    }

    @Provide
    Arbitrary<String> dates() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.integers().between(0, 400).map(days -> LocalDate.of(2026, 12, 1).plusDays(days).toString()),
                Arbitraries.of("2027-02-30", "2027-13-01", "27-01-01", "next tuesday", "", " "));
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.integers().between(0, 287).map(mark -> LocalTime.ofSecondOfDay(mark * 300L).toString()),
                Arbitraries.of("24:00", "23:60", "9:00", "09:00:00", "-1:00", "２３:００"));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.oneOf(Arbitraries.of("ONE_TO_ONE", "GROUP", "group", ""), Arbitraries.strings().ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> knownZones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.oneOf(Arbitraries.of(ZONES), Arbitraries.of("Mars/Olympus", "UTC+25", "", "+05:30", "GMT+3"));
    }
}
