package io.coachwork.scheduling.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * The generator over zones with DST (and any zone the JDK knows) around their 2027 clock changes: every time
 * it offers is real, offered once, inside a block, clear of buffered busy time, within notice, horizon and
 * window, sorted, storable as a seed 002 slot; and it offers exactly what a minute-by-minute reading of the
 * definition offers.
 */
class SlotGeneratorPropertyTest {

    private static final List<String> DST_ZONES =
            List.of("America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata");
    private static final List<String> ALL_ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().toList();

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void everyTimeIsRealOnceInsideABlockAndClearOfBuffers(@ForAll("scenarios") Scenario scenario) {
        List<BookableTime> times = scenario.generator().between(scenario.now, scenario.from, scenario.to, scenario.duration);
        ZoneId zone = scenario.availability.zone();
        Instant lower = max(scenario.from, scenario.now.plus(scenario.rules.minimumNotice()));
        Instant upper = min(scenario.to, scenario.now.plus(scenario.rules.horizon()));

        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i).start()).isAfter(times.get(i - 1).start());
            assertThat(times.get(i).localStart()).isNotEqualTo(times.get(i - 1).localStart());
        }
        for (BookableTime time : times) {
            // Real: the clock shows localStart at start; once: start is the first time the clock shows it.
            assertThat(LocalDateTime.ofInstant(time.start(), zone)).isEqualTo(time.localStart());
            assertThat(ZonedDateTime.of(time.localStart(), zone).withEarlierOffsetAtOverlap().toInstant())
                    .isEqualTo(time.start());
            assertThat(Duration.between(time.start(), time.end())).isEqualTo(Duration.ofMinutes(scenario.duration));
            assertThat(time.start()).isAfterOrEqualTo(lower).isBefore(upper);
            Slot stored = Slot.of(time, zone, SessionType.GROUP, 20);
            assertThat(stored.startsAt()).isEqualTo(time.start());
            assertThat(stored.endsAt()).isEqualTo(time.end());
            assertThat(scenario.availability.rangesOn(time.localStart().toLocalDate())).anySatisfy(range -> {
                int minute = time.localStart().getHour() * 60 + time.localStart().getMinute();
                assertThat(minute).isBetween(range.startMinute(), range.endMinute() - 1);
                assertThat((minute - range.startMinute()) % scenario.rules.incrementMinutes()).isZero();
                assertThat(time.end()).isBeforeOrEqualTo(firstMomentReading(zone, blockEnd(time.localStart().toLocalDate(), range)));
            });
            for (Busy busy : scenario.busy) {
                boolean clear = !time.end().isAfter(busy.start().minus(scenario.rules.bufferBefore()))
                        || !time.start().isBefore(busy.end().plus(scenario.rules.bufferAfter()));
                assertThat(clear).as("%s clear of %s", time, busy).isTrue();
            }
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void offersExactlyWhatAMinuteByMinuteReadingOffers(@ForAll("scenarios") Scenario scenario) {
        List<Instant> offered = scenario.generator().between(scenario.now, scenario.from, scenario.to, scenario.duration)
                .stream().map(BookableTime::start).toList();

        ZoneOffsetTransition change = scenario.availability.zone().getRules().nextTransition(scenario.from);
        Statistics.label("offers times").collect(!offered.isEmpty());
        Statistics.label("window spans a clock change").collect(change != null && change.getInstant().isBefore(scenario.to));
        assertThat(offered).isEqualTo(minuteByMinute(scenario));
        // Guards the generators: most scenarios must offer something, and many must straddle a change.
        Statistics.label("offers times").coverage(coverage -> coverage.check(true).percentage(p -> p > 60));
        Statistics.label("window spans a clock change").coverage(coverage -> coverage.check(true).percentage(p -> p > 25));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void firstAvailableIsTheFirstTimeWithinTheHorizon(@ForAll("scenarios") Scenario scenario) {
        SlotGenerator generator = scenario.generator();

        assertThat(generator.firstAvailable(scenario.now, scenario.duration)).isEqualTo(generator.between(
                scenario.now, scenario.now, scenario.now.plus(scenario.rules.horizon()), scenario.duration)
                .stream().findFirst());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void whatIsOfferedAtAnyNowIsAPartOfTheTimesRegardlessOfNow(@ForAll("scenarios") Scenario scenario) {
        // Slot search keeps the times regardless of now for a wide range and cuts each search's part out of them.
        Instant wideFrom = scenario.from.minus(Duration.ofDays(2));
        Instant wideTo = max(scenario.to, scenario.now.plus(scenario.rules.horizon())).plus(Duration.ofDays(2));
        Instant lower = max(scenario.from, scenario.now.plus(scenario.rules.minimumNotice()));
        Instant upper = min(scenario.to, scenario.now.plus(scenario.rules.horizon()));
        SlotGenerator generator = scenario.generator();

        assertThat(generator.regardlessOfNow(wideFrom, wideTo, scenario.duration).stream()
                .filter(t -> !t.start().isBefore(lower) && t.start().isBefore(upper)).toList())
                .isEqualTo(generator.between(scenario.now, scenario.from, scenario.to, scenario.duration));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void aNineOClockBlockStaysAtNineLocalAcrossTheChange(@ForAll("zones") ZoneId zone,
                                                         @ForAll("anchors") int anchorIndex) {
        Instant anchor = anchor(zone, anchorIndex);
        SlotGenerator generator = new SlotGenerator(Availability.weekly(new WeeklySchedule("Nine", zone,
                Preset.blocks(EnumSet.of(Preset.MORNING), EnumSet.allOf(DayOfWeek.class)).stream()
                        .map(block -> WeeklyBlock.of(block.day(), LocalTime.of(9, 0), LocalTime.of(10, 0))).toList())),
                BookingRules.hourly(), List.of());
        Instant now = anchor.minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.DAYS);

        List<BookableTime> times = generator.between(now, now, now.plus(Duration.ofDays(8)), 60);

        assertThat(times).hasSizeBetween(7, 8).allSatisfy(time -> {
            assertThat(time.localStart().toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(time.start().atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        });
        assertThat(times).extracting(time -> time.localStart().toLocalDate()).doesNotHaveDuplicates();
    }

    /** The definition read literally: each minute of real time, is it a bookable start? */
    private static List<Instant> minuteByMinute(Scenario scenario) {
        ZoneId zone = scenario.availability.zone();
        BookingRules rules = scenario.rules;
        Instant lower = max(scenario.from, scenario.now.plus(rules.minimumNotice()));
        Instant upper = min(scenario.to, scenario.now.plus(rules.horizon()));
        if (!lower.isBefore(upper)) {
            return List.of();
        }
        List<Instant> instants = new ArrayList<>();
        List<LocalDateTime> clock = new ArrayList<>();
        Map<LocalDateTime, Instant> firstReading = new HashMap<>();
        Instant end = upper.plus(Duration.ofDays(3));
        for (Instant t = lower.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3)); t.isBefore(end); t = t.plusSeconds(60)) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            instants.add(t);
            clock.add(local);
            firstReading.putIfAbsent(local, t);
        }
        Map<LocalDateTime, Instant> blockEnds = new HashMap<>();
        List<Instant> offered = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            Instant start = instants.get(i);
            LocalDateTime local = clock.get(i);
            Instant finish = start.plus(Duration.ofMinutes(scenario.duration));
            if (start.isBefore(lower) || !start.isBefore(upper) || !firstReading.get(local).equals(start)
                    || !firstReading.get(LocalDateTime.ofInstant(finish, zone)).equals(finish)) {
                continue;
            }
            int minute = local.getHour() * 60 + local.getMinute();
            for (LocalTimeRange range : scenario.availability.rangesOn(local.toLocalDate())) {
                boolean onStep = minute >= range.startMinute() && minute < range.endMinute()
                        && (minute - range.startMinute()) % rules.incrementMinutes() == 0;
                if (onStep && !finish.isAfter(blockEnds.computeIfAbsent(blockEnd(local.toLocalDate(), range),
                        blockEnd -> firstAtOrAfter(instants, clock, blockEnd)))
                        && scenario.busy.stream().allMatch(busy -> !finish.isAfter(busy.start().minus(rules.bufferBefore()))
                                || !start.isBefore(busy.end().plus(rules.bufferAfter())))) {
                    offered.add(start);
                }
            }
        }
        return offered;
    }

    /** The first scanned moment whose clock reads {@code local} or later. */
    private static Instant firstAtOrAfter(List<Instant> instants, List<LocalDateTime> clock, LocalDateTime local) {
        for (int i = 0; i < clock.size(); i++) {
            if (!clock.get(i).isBefore(local)) {
                return instants.get(i);
            }
        }
        throw new IllegalStateException("Scan too short for " + local);
    }

    private static Instant firstMomentReading(ZoneId zone, LocalDateTime local) {
        ZoneOffsetTransition gap = zone.getRules().getTransition(local);
        return gap != null && gap.isGap() ? gap.getInstant()
                : ZonedDateTime.of(local, zone).withEarlierOffsetAtOverlap().toInstant();
    }

    private static LocalDateTime blockEnd(LocalDate date, LocalTimeRange range) {
        return range.endsAtMidnight() ? date.plusDays(1).atStartOfDay() : LocalDateTime.of(date, range.end());
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.oneOf(Arbitraries.of(DST_ZONES), Arbitraries.of(ALL_ZONES)).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Integer> anchors() {
        return uniform(0, 364);
    }

    /** A clock change of 2027 in the zone, picked by index; any day of 2027 for a zone without one. */
    private static Instant anchor(ZoneId zone, int index) {
        Instant yearStart = Instant.parse("2027-01-01T00:00:00Z");
        List<Instant> changes = new ArrayList<>();
        for (ZoneOffsetTransition next = zone.getRules().nextTransition(yearStart);
             next != null && next.getInstant().isBefore(Instant.parse("2028-01-01T00:00:00Z"));
             next = zone.getRules().nextTransition(next.getInstant())) {
            changes.add(next.getInstant());
        }
        return changes.isEmpty() ? yearStart.plus(Duration.ofDays(index)) : changes.get(index % changes.size());
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<List<Integer>>> weekdayCuts = cuts().list().ofSize(7);
        Arbitrary<Optional<List<Integer>>> overrideCuts = cuts().optional();
        Arbitrary<List<int[]>> busy = Combinators.combine(uniform(-4 * 1440, 4 * 1440),
                uniform(1, 240)).as((start, length) -> new int[] {start, length}).list().ofMaxSize(8);
        Arbitrary<int[]> times = Combinators.combine(uniform(0, 364),
                        uniform(-2 * 86_400, 43_200),
                        uniform(-720, 720), uniform(360, 3 * 1440),
                        uniform(-2, 2), uniform(-3, 3))
                .as((anchor, nowSeconds, fromMinutes, windowMinutes, overrideDay, holidayDay)
                        -> new int[] {anchor, nowSeconds, fromMinutes, windowMinutes, overrideDay, holidayDay});
        return Combinators.combine(zones(), weekdayCuts, overrideCuts, Arbitraries.of(true, false), busy, rules(), times,
                        uniform(0, 3))
                .as(Scenario::of);
    }

    /** 0-3 non-overlapping blocks of a day as sorted cut points on a five-minute grid (288 = midnight). */
    private static Arbitrary<List<Integer>> cuts() {
        return uniform(0, 288).set().ofMinSize(1).ofMaxSize(6).withSizeDistribution(RandomDistribution.uniform()).map(set -> new TreeSet<>(set).stream().toList());
    }

    private static Arbitrary<BookingRules> rules() {
        Arbitrary<Integer> increment = Arbitraries.of(5, 10, 15, 20, 30, 45, 60, 90);
        Arbitrary<Integer> minDuration = Arbitraries.of(5, 15, 30, 45, 60, 90, 120);
        Arbitrary<Integer> extraSteps = uniform(0, 2);
        Arbitrary<Integer> bufferBefore = uniform(0, 90);
        Arbitrary<Integer> bufferAfter = uniform(0, 90);
        Arbitrary<Integer> notice = Arbitraries.oneOf(Arbitraries.just(0), uniform(0, 720));
        Arbitrary<Integer> horizon = Arbitraries.oneOf(Arbitraries.just(28 * 1440), uniform(60, 28 * 1440));
        return Combinators.combine(increment, minDuration, extraSteps, bufferBefore, bufferAfter, notice, horizon)
                .as((inc, min, steps, before, after, noticeMinutes, horizonMinutes) -> new BookingRules(inc, min,
                        min + steps * inc, min, Duration.ofMinutes(before), Duration.ofMinutes(after),
                        Duration.ofMinutes(noticeMinutes), Duration.ofMinutes(horizonMinutes)));
    }

    record Scenario(Availability availability, BookingRules rules, List<Busy> busy, Instant now, Instant from,
                    Instant to, int duration) {

        static Scenario of(ZoneId zone, List<List<Integer>> weekdayCuts, Optional<List<Integer>> overrideCuts,
                           boolean holiday, List<int[]> busyOffsets, BookingRules rules, int[] times, int durationIndex) {
            Instant anchor = anchor(zone, times[0]);
            LocalDate anchorDate = LocalDate.ofInstant(anchor, zone);
            List<WeeklyBlock> blocks = new ArrayList<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                ranges(weekdayCuts.get(day.ordinal())).forEach(range -> blocks.add(new WeeklyBlock(day, range)));
            }
            List<DateOverride> overrides = overrideCuts.map(cuts -> List.of(new DateOverride(
                    anchorDate.plusDays(times[4]), ranges(cuts)))).orElse(List.of());
            List<Holiday> holidays = holiday ? List.of(Holiday.on(anchorDate.plusDays(times[5]))) : List.of();
            List<Busy> busy = busyOffsets.stream().map(offset -> {
                Instant start = anchor.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(offset[0]));
                return new Busy(start, start.plus(Duration.ofMinutes(offset[1])));
            }).toList();
            Instant now = anchor.plusSeconds(times[1]);
            Instant from = now.plus(Duration.ofMinutes(times[2]));
            List<Integer> durations = rules.allowedDurations();
            return new Scenario(new Availability(new WeeklySchedule("Generated", zone, blocks), overrides, holidays),
                    rules, busy, now, from, from.plus(Duration.ofMinutes(times[3])),
                    durations.get(durationIndex % durations.size()));
        }

        SlotGenerator generator() {
            return new SlotGenerator(availability, rules, busy);
        }

        private static List<LocalTimeRange> ranges(List<Integer> cuts) {
            List<LocalTimeRange> ranges = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.size(); i += 2) {
                ranges.add(new LocalTimeRange(fiveMinuteMark(cuts.get(i)), fiveMinuteMark(cuts.get(i + 1))));
            }
            return ranges;
        }

        private static LocalTime fiveMinuteMark(int mark) {
            return mark == 288 ? LocalTime.MIDNIGHT : LocalTime.of(mark / 12, mark % 12 * 5);
        }
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
