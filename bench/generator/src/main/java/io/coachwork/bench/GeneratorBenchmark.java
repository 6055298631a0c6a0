package io.coachwork.bench;

import io.coachwork.scheduling.availability.domain.Availability;
import io.coachwork.scheduling.availability.domain.BookableTime;
import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.availability.domain.Preset;
import io.coachwork.scheduling.availability.domain.SlotGenerator;
import io.coachwork.scheduling.availability.domain.WeeklySchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A tutor with a full four-week schedule (morning, afternoon and evening presets every day: 08:00-21:00 in
 * Europe/London, across the March 2027 clock change), a 15-minute increment, buffers and notice, and 200
 * explicit busy slots. Each operation builds the generator from the busy list, as a slot-search request would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratorBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2027-03-15T07:30:00Z");

    private Availability availability;
    private BookingRules rules;
    private List<Busy> busy;

    @Setup
    public void setUp() {
        availability = Availability.weekly(new WeeklySchedule("Full", ZONE,
                Preset.blocks(EnumSet.allOf(Preset.class), EnumSet.allOf(DayOfWeek.class))));
        rules = new BookingRules(15, 30, 120, 60, Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofHours(2), BookingRules.FOUR_WEEKS);
        // 200 one-hour slots, about seven a day, at quarter-hour marks inside the 08:00-21:00 day.
        SplittableRandom random = new SplittableRandom(42);
        busy = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant start = NOW.truncatedTo(ChronoUnit.DAYS)
                    .plus(Duration.ofDays(i * 28L / 200)).plus(Duration.ofMinutes(8 * 60 + 15L * random.nextInt(48)));
            busy.add(new Busy(start, start.plus(Duration.ofHours(1))));
        }
    }

    /** Every one-hour time of the four weeks: the slot search's worst case. */
    @Benchmark
    public List<BookableTime> fourWeeks() {
        return new SlotGenerator(availability, rules, busy).between(NOW, NOW, NOW.plus(BookingRules.FOUR_WEEKS), 60);
    }

    /** One week, the usual calendar page. */
    @Benchmark
    public List<BookableTime> oneWeek() {
        return new SlotGenerator(availability, rules, busy).between(NOW, NOW, NOW.plus(Duration.ofDays(7)), 60);
    }

    /** The directory's soonest-free sort key. */
    @Benchmark
    public Optional<BookableTime> firstAvailable() {
        return new SlotGenerator(availability, rules, busy).firstAvailable(NOW, 60);
    }
}
