package io.coachwork.scheduling.availability.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tutor offers on each local date: the weekly schedule, replaced on a date by its override, and
 * nothing on a holiday (a holiday wins over an override).
 */
public record Availability(WeeklySchedule schedule, List<DateOverride> overrides, List<Holiday> holidays) {

    public Availability {
        if (schedule == null) {
            throw new AvailabilityRuleViolation("schedule", "A schedule is required");
        }
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        Map<LocalDate, DateOverride> byDate = new HashMap<>();
        for (DateOverride override : overrides) {
            if (byDate.putIfAbsent(override.date(), override) != null) {
                throw new AvailabilityRuleViolation("overrides", "Two overrides for " + override.date());
            }
        }
    }

    public static Availability weekly(WeeklySchedule schedule) {
        return new Availability(schedule, List.of(), List.of());
    }

    public ZoneId zone() {
        return schedule.zone();
    }

    /** The date's teaching time, sorted, with touching ranges merged into one. */
    public List<LocalTimeRange> rangesOn(LocalDate date) {
        for (Holiday holiday : holidays) {
            if (holiday.covers(date)) {
                return List.of();
            }
        }
        List<LocalTimeRange> ranges = schedule.rangesOn(date.getDayOfWeek());
        for (DateOverride override : overrides) {
            if (override.date().equals(date)) {
                ranges = override.blocks();
            }
        }
        return merged(ranges);
    }

    private static List<LocalTimeRange> merged(List<LocalTimeRange> sorted) {
        List<LocalTimeRange> merged = new ArrayList<>(sorted.size());
        for (LocalTimeRange range : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).endMinute() == range.startMinute()) {
                merged.set(last, new LocalTimeRange(merged.get(last).start(), range.end()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }
}
