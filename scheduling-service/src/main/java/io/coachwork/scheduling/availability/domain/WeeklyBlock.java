package io.coachwork.scheduling.availability.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A recurring stretch of teaching time on one weekday, in the schedule's zone. */
public record WeeklyBlock(DayOfWeek day, LocalTimeRange time) {

    public WeeklyBlock {
        if (day == null) {
            throw new AvailabilityRuleViolation("day", "day is required (MONDAY..SUNDAY)");
        }
        if (time == null) {
            throw new AvailabilityRuleViolation("start_time", "start_time and end_time are required");
        }
    }

    public static WeeklyBlock of(DayOfWeek day, LocalTime start, LocalTime end) {
        return new WeeklyBlock(day, new LocalTimeRange(start, end));
    }

    public boolean overlaps(WeeklyBlock other) {
        return day == other.day && time.overlaps(other.time);
    }

    @Override
    public String toString() {
        return day + " " + time;
    }
}
