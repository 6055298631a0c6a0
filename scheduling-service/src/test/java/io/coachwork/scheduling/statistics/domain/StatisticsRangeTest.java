package io.coachwork.scheduling.statistics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachwork.scheduling.support.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Statistics ranges: defaults, validation, day boundaries in the zone (DST included), the previous period. */
class StatisticsRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    @Test
    void withoutDatesItIsTheLastThirtyDaysToToday() {
        DateRange r = DateRange.parse(null, null, TODAY, LAGOS);
        assertThat(r.from()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(r.to()).isEqualTo(TODAY);
        assertThat(r.days()).isEqualTo(30);
        DateRange onlyTo = DateRange.parse(null, "2026-06-30", TODAY, LAGOS);
        assertThat(onlyTo.from()).isEqualTo(LocalDate.of(2026, 6, 1));
        DateRange onlyFrom = DateRange.parse("2026-11-01", null, TODAY, LAGOS);
        assertThat(onlyFrom.to()).isEqualTo(TODAY);
    }

    @Test
    void daysAreCutAtMidnightInTheZone() {
        DateRange r = DateRange.parse("2026-11-01", "2026-11-01", TODAY, LAGOS);
        assertThat(r.start()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
    }

    @Test
    void aDayWithAClockChangeIsTwentyThreeOrTwentyFiveHoursLong() {
        ZoneId newYork = ZoneId.of("America/New_York");
        DateRange spring = DateRange.parse("2026-03-08", "2026-03-08", TODAY, newYork);
        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(23));
        DateRange autumn = DateRange.parse("2026-11-01", "2026-11-01", TODAY, newYork);
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
        // Santiago skips midnight itself when summer time starts: the day begins at 01:00 local
        DateRange skipped = DateRange.parse("2026-09-06", "2026-09-06", TODAY, ZoneId.of("America/Santiago"));
        assertThat(skipped.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndEndsTheDayBefore() {
        DateRange r = DateRange.parse("2026-11-01", "2026-11-30", TODAY, ZoneOffset.UTC);
        DateRange before = r.previous();
        assertThat(before.from()).isEqualTo(LocalDate.of(2026, 10, 2));
        assertThat(before.to()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(before.days()).isEqualTo(r.days());
        assertThat(before.end()).isEqualTo(r.start());
    }

    @Test
    void badDatesAndRangesAreRefusedNamingTheField() {
        refused(() -> DateRange.parse("2026-13-01", null, TODAY, LAGOS), "from", "from must be a date such as 2026-11-30");
        refused(() -> DateRange.parse("2026-02-30", null, TODAY, LAGOS), "from", "from must be a date such as 2026-11-30");
        refused(() -> DateRange.parse(null, "yesterday", TODAY, LAGOS), "to", "to must be a date such as 2026-11-30");
        refused(() -> DateRange.parse(null, "+300000-01-01", TODAY, LAGOS), "to", "to must be a date such as 2026-11-30");
        refused(() -> DateRange.parse("300000-01-01", null, TODAY, LAGOS), "from", "from must be a date such as 2026-11-30");
        refused(() -> DateRange.parse(null, "9999-01-01", TODAY, LAGOS), "to", "to must be a date between 2000 and 2999");
        refused(() -> DateRange.parse("1969-12-31", "1970-01-01", TODAY, LAGOS), "from",
                "from must be a date between 2000 and 2999");
        refused(() -> DateRange.parse("2026-11-30", "2026-11-01", TODAY, LAGOS), "to", "to must not be before from");
        refused(() -> DateRange.parse("2026-12-01", null, TODAY, LAGOS), "to", "to must not be before from");
        refused(() -> DateRange.parse("2025-01-01", "2026-01-02", TODAY, LAGOS), "to", "A range can span at most 366 days");
        assertThat(DateRange.parse("2024-01-01", "2024-12-31", TODAY, LAGOS).days()).isEqualTo(366);
    }

    private static void refused(Runnable parse, String field, String message) {
        assertThatThrownBy(parse::run).isInstanceOf(InvalidInput.class).hasMessage(message)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo(field));
    }
}
