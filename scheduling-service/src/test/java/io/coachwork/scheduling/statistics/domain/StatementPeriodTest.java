package io.coachwork.scheduling.statistics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachwork.scheduling.support.InvalidInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Statement periods: weeks from Monday, calendar months, in the tutor's zone across clock changes. */
class StatementPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aWeekRunsMondayToSundayAndAMonthFromTheFirst() {
        StatementPeriod week = StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2026, 11, 29));
        assertThat(week.start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.lastDay()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(week.end()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2026, 11, 30)).start())
                .isEqualTo(LocalDate.of(2026, 11, 30));
        StatementPeriod february = StatementPeriod.containing(StatementPeriod.Kind.MONTHLY, LocalDate.of(2028, 2, 29));
        assertThat(february.start()).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(february.lastDay()).isEqualTo(LocalDate.of(2028, 2, 29));
        // A week across a year end belongs to the year it starts in
        assertThat(StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2027, 1, 1)).start())
                .isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void aWeekWithAClockChangeHoldsSevenLocalDays() {
        StatementPeriod spring = StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2027, 3, 28));
        assertThat(spring.startInstant(BERLIN)).isEqualTo(Instant.parse("2027-03-21T23:00:00Z"));
        assertThat(spring.endInstant(BERLIN)).isEqualTo(Instant.parse("2027-03-28T22:00:00Z"));
        assertThat(Duration.between(spring.startInstant(BERLIN), spring.endInstant(BERLIN))).isEqualTo(Duration.ofHours(167));
        StatementPeriod autumn = StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2027, 10, 31));
        assertThat(Duration.between(autumn.startInstant(BERLIN), autumn.endInstant(BERLIN))).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void aPeriodClosesAtTheZonesMidnight() {
        StatementPeriod week = StatementPeriod.containing(StatementPeriod.Kind.WEEKLY, LocalDate.of(2026, 11, 23));
        ZoneId lagos = ZoneId.of("Africa/Lagos");
        assertThat(week.closedAt(Instant.parse("2026-11-29T22:59:59Z"), lagos)).isFalse();
        assertThat(week.closedAt(Instant.parse("2026-11-29T23:00:00Z"), lagos)).isTrue();
    }

    @Test
    void startsThatAreNotAPeriodsFirstDayAndUnknownKindsAreRefused() {
        assertThatThrownBy(() -> new StatementPeriod(StatementPeriod.Kind.WEEKLY, LocalDate.of(2026, 11, 24)))
                .isInstanceOf(InvalidInput.class).hasMessage("A weekly statement starts on a Monday");
        assertThatThrownBy(() -> new StatementPeriod(StatementPeriod.Kind.MONTHLY, LocalDate.of(2026, 11, 2)))
                .isInstanceOf(InvalidInput.class).hasMessage("A monthly statement starts on the first day of a month");
        assertThatThrownBy(() -> StatementPeriod.Kind.parse("period", "daily"))
                .isInstanceOf(InvalidInput.class).hasMessage("period must be weekly or monthly");
        assertThatThrownBy(() -> StatementPeriod.Kind.parse("period", null))
                .isInstanceOf(InvalidInput.class).hasMessage("period is required: weekly or monthly");
        assertThat(StatementPeriod.Kind.parse("period", " Weekly ")).isEqualTo(StatementPeriod.Kind.WEEKLY);
    }

    /** Consecutive periods tile time: each day is in exactly one, and the instants meet without gap or overlap. */
    @Property(tries = 500)
    void periodsTileEveryDayInEveryZone(@ForAll("days") LocalDate day, @ForAll("zones") ZoneId zone,
                                        @ForAll StatementPeriod.Kind kind) {
        StatementPeriod p = StatementPeriod.containing(kind, day);
        assertThat(p.start()).isBeforeOrEqualTo(day);
        assertThat(p.end()).isAfter(day);
        if (kind == StatementPeriod.Kind.WEEKLY) {
            assertThat(p.start().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(p.end()).isEqualTo(p.start().plusDays(7));
        } else {
            assertThat(p.start().getDayOfMonth()).isEqualTo(1);
            assertThat(p.start().getMonth()).isEqualTo(day.getMonth());
        }
        StatementPeriod next = StatementPeriod.containing(kind, p.end());
        assertThat(next.start()).isEqualTo(p.end());
        assertThat(next.startInstant(zone)).isEqualTo(p.endInstant(zone));
        assertThat(p.endInstant(zone)).isAfter(p.startInstant(zone));
        // the period's instants hold exactly its local days
        assertThat(p.startInstant(zone).atZone(zone).toLocalDate()).isEqualTo(p.start());
        assertThat(p.endInstant(zone).minusNanos(1).atZone(zone).toLocalDate()).isEqualTo(p.lastDay());
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2099, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(List.of("UTC", "Africa/Lagos", "Europe/Berlin", "America/New_York", "America/Santiago",
                "Asia/Beirut", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kathmandu")).map(ZoneId::of);
    }
}
