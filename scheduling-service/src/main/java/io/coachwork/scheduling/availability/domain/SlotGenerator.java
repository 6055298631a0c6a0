package io.coachwork.scheduling.availability.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The times a tutor can be booked for a session of a given length.
 *
 * <p>Within each of the day's blocks (touching blocks merged) candidate starts step by the booking increment
 * from the block's start on the wall clock, so a 09:00 block offers 09:00 local on both sides of a DST change.
 * A start in a DST gap is skipped and a start in a DST overlap is offered once, at the earlier offset (see
 * {@link WallClock}). A session lasts its real duration and must end by the block's end, and not in a repeated
 * hour's second pass (so that every time can be stored as a seed 002 slot, see {@link Slot#of}). A candidate is kept
 * when it starts at or after {@code now + minimumNotice}, before {@code now + horizon}, inside the query window,
 * and does not intersect any busy interval widened to {@code [start - bufferBefore, end + bufferAfter)}.
 * Results come in ascending order of start, each at most once.
 */
public final class SlotGenerator {

    private final Availability availability;
    private final BookingRules rules;
    private final ZoneRules zoneRules;
    // Widened busy intervals, merged so that both arrays ascend: start/end in epoch seconds.
    private final long[] busyStarts;
    private final long[] busyEnds;

    public SlotGenerator(Availability availability, BookingRules rules, Collection<Busy> busy) {
        this.availability = Objects.requireNonNull(availability, "availability");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.zoneRules = availability.zone().getRules();
        long before = rules.bufferBefore().toSeconds();
        long after = rules.bufferAfter().toSeconds();
        long[][] widened = busy.stream()
                .map(interval -> new long[] {interval.start().getEpochSecond() - before, ceilSecond(interval.end()) + after})
                .sorted(Comparator.comparingLong(interval -> interval[0]))
                .toArray(long[][]::new);
        long[] starts = new long[widened.length];
        long[] ends = new long[widened.length];
        int merged = 0;
        for (long[] interval : widened) {
            if (merged > 0 && interval[0] <= ends[merged - 1]) {
                ends[merged - 1] = Math.max(ends[merged - 1], interval[1]);
            } else {
                starts[merged] = interval[0];
                ends[merged] = interval[1];
                merged++;
            }
        }
        this.busyStarts = Arrays.copyOf(starts, merged);
        this.busyEnds = Arrays.copyOf(ends, merged);
    }

    /** Bookable times of {@code durationMinutes} starting in [from, to), as seen at {@code now}. */
    public List<BookableTime> between(Instant now, Instant from, Instant to, int durationMinutes) {
        Objects.requireNonNull(now, "now");
        if (from == null) {
            throw new AvailabilityRuleViolation("from", "from is required");
        }
        if (to == null || !to.isAfter(from)) {
            throw new AvailabilityRuleViolation("to", "to must be after from");
        }
        List<BookableTime> times = new ArrayList<>();
        scan(Math.max(ceilSecond(from), ceilSecond(now.plus(rules.minimumNotice()))),
                Math.min(ceilSecond(to), ceilSecond(now.plus(rules.horizon()))), durationMinutes, times::add);
        return times;
    }

    /**
     * Every bookable time of {@code durationMinutes} starting in [from, to) whatever the time is: neither the
     * notice nor the horizon applied. What {@link #between} answers at any {@code now} is the part of this starting
     * in [max(from, now + notice), min(to, now + horizon)), so a caller can keep it while the inputs stay the same.
     */
    public List<BookableTime> regardlessOfNow(Instant from, Instant to, int durationMinutes) {
        List<BookableTime> times = new ArrayList<>();
        scan(ceilSecond(from), ceilSecond(to), durationMinutes, times::add);
        return times;
    }

    /** The soonest bookable time within the horizon; stops at the first one found. */
    public Optional<BookableTime> firstAvailable(Instant now, int durationMinutes) {
        Objects.requireNonNull(now, "now");
        BookableTime[] first = new BookableTime[1];
        scan(ceilSecond(now.plus(rules.minimumNotice())), ceilSecond(now.plus(rules.horizon())), durationMinutes, time -> {
            first[0] = time;
            return false;
        });
        return Optional.ofNullable(first[0]);
    }

    /** Feeds bookable times starting in [lower, upper) (epoch seconds) in ascending order to {@code sink} until it answers false. */
    private void scan(long lower, long upper, int durationMinutes, Predicate<BookableTime> sink) {
        rules.requireAllowedDuration(durationMinutes);
        if (lower >= upper) {
            return;
        }
        long duration = durationMinutes * 60L;
        int increment = rules.incrementMinutes();
        // One day of margin each side: in zones whose clocks jump back over midnight a local date can
        // briefly run behind the instant's UTC neighbours.
        LocalDate last = localDate(upper).plusDays(1);
        for (LocalDate date = localDate(lower).minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            for (LocalTimeRange range : availability.rangesOn(date)) {
                LocalDateTime blockEnd = range.endsAtMidnight()
                        ? date.plusDays(1).atStartOfDay() : LocalDateTime.of(date, range.end());
                long blockEndSecond = WallClock.epochSecond(blockEnd, zoneRules);
                for (int minute = range.startMinute(); minute < range.endMinute(); minute += increment) {
                    LocalDateTime localStart = LocalDateTime.of(date, LocalTime.ofSecondOfDay(minute * 60L));
                    List<ZoneOffset> offsets = zoneRules.getValidOffsets(localStart);
                    if (offsets.isEmpty()) {
                        continue;
                    }
                    long start = localStart.toEpochSecond(offsets.get(0));
                    long end = start + duration;
                    if (end > blockEndSecond) {
                        break;
                    }
                    if (start >= upper) {
                        return;
                    }
                    if (start < lower || busy(start, end) || !endReadsOnce(offsets.get(0), end)) {
                        continue;
                    }
                    if (!sink.test(new BookableTime(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), localStart))) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Whether the clock reads the session's end for the first time when it ends: false only for a session
     * that ends in the repeated hour's second pass, which a slot's HH:mm end could not tell apart from the first.
     */
    private boolean endReadsOnce(ZoneOffset startOffset, long end) {
        ZoneOffset endOffset = zoneRules.getOffset(Instant.ofEpochSecond(end));
        if (endOffset.equals(startOffset)) {
            return true;
        }
        return WallClock.epochSecond(LocalDateTime.ofEpochSecond(end, 0, endOffset), zoneRules) == end;
    }

    private boolean busy(long start, long end) {
        // First widened interval ending after start; the candidate is busy if that one begins before its end.
        int low = 0;
        int high = busyEnds.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (busyEnds[mid] > start) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low < busyStarts.length && busyStarts[low] < end;
    }

    private LocalDate localDate(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), availability.zone());
    }

    private static long ceilSecond(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
