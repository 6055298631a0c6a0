package io.coachwork.scheduling.availability.domain;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Wall-clock times [start, end) within one day. {@code end} equal to {@link LocalTime#MIDNIGHT} means the end
 * of the day (written "24:00"), so a block can run until midnight; any other end must be after the start.
 */
public record LocalTimeRange(LocalTime start, LocalTime end) {

    static final int MINUTES_PER_DAY = 24 * 60;
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    public LocalTimeRange {
        if (start == null) {
            throw new AvailabilityRuleViolation("start_time", "start_time is required");
        }
        if (end == null) {
            throw new AvailabilityRuleViolation("end_time", "end_time is required");
        }
        if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
            throw new AvailabilityRuleViolation("start_time", "Times are whole minutes (HH:mm)");
        }
        if (minuteOfDay(end, true) <= minuteOfDay(start, false)) {
            throw new AvailabilityRuleViolation("end_time",
                    "end_time " + formatEnd(end) + " must be after start_time " + FORMAT.format(start));
        }
    }

    /** Parses "HH:mm" times; the end may also be "24:00" (end of day). */
    public static LocalTimeRange parse(String start, String end) {
        return new LocalTimeRange(parseTime("start_time", start, false), parseTime("end_time", end, true));
    }

    /** Strict "HH:mm" (two-digit hours 00-23); "24:00" only when {@code endOfDayAllowed}. */
    public static LocalTime parseTime(String field, String text, boolean endOfDayAllowed) {
        if (text == null || text.isBlank()) {
            throw new AvailabilityRuleViolation(field, field + " is required (HH:mm)");
        }
        if (endOfDayAllowed && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (!HH_MM.matcher(text).matches()) {
            throw new AvailabilityRuleViolation(field, field + " must be a time as HH:mm, got \"" + text + "\"");
        }
        return LocalTime.parse(text, FORMAT);
    }

    public int startMinute() {
        return minuteOfDay(start, false);
    }

    /** Minute of the day the range ends, 1440 for midnight. */
    public int endMinute() {
        return minuteOfDay(end, true);
    }

    public int minutes() {
        return endMinute() - startMinute();
    }

    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    public boolean overlaps(LocalTimeRange other) {
        return startMinute() < other.endMinute() && other.startMinute() < endMinute();
    }

    /** "09:00-12:00", with "24:00" for an end at midnight. */
    @Override
    public String toString() {
        return FORMAT.format(start) + "-" + formatEnd(end);
    }

    private static String formatEnd(LocalTime end) {
        return end.equals(LocalTime.MIDNIGHT) ? "24:00" : FORMAT.format(end);
    }

    private static int minuteOfDay(LocalTime time, boolean isEnd) {
        int minute = time.getHour() * 60 + time.getMinute();
        return isEnd && minute == 0 ? MINUTES_PER_DAY : minute;
    }
}
