package io.coachwork.scheduling.availability.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A well-formed specific-date slot (seed 002): wall-clock times on one date in the tutor's zone, neither in a
 * DST gap (an end of 24:00 is the end of the day even where the clocks skip midnight), {@code durationMinutes} equal to its real length, seats within its session type's limit. Whether
 * it may be created now (past, four weeks, overlaps) is {@link SlotRules}' business.
 */
public record Slot(LocalDate date, LocalTimeRange time, int durationMinutes, SessionType sessionType,
                   int maxParticipants, ZoneId zone) {

    public Slot {
        if (date == null) {
            throw new AvailabilityRuleViolation("slot_date", "slot_date is required (YYYY-MM-DD)");
        }
        if (time == null) {
            throw new AvailabilityRuleViolation("start_time", "start_time and end_time are required (HH:mm)");
        }
        if (sessionType == null) {
            throw new AvailabilityRuleViolation("session_type", "session_type is required (ONE_TO_ONE or GROUP)");
        }
        if (zone == null) {
            throw new AvailabilityRuleViolation("timezone", "timezone is required (an IANA zone such as Africa/Lagos)");
        }
        if (maxParticipants < 1 || maxParticipants > sessionType.maxParticipants()) {
            throw new AvailabilityRuleViolation("max_participants", sessionType == SessionType.ONE_TO_ONE
                    ? "A ONE_TO_ONE slot has exactly 1 participant"
                    : "A GROUP slot has 1 to " + sessionType.maxParticipants() + " participants, got " + maxParticipants);
        }
        if (!WallClock.exists(localStart(date, time), zone.getRules())) {
            throw new AvailabilityRuleViolation("start_time",
                    time.start() + " does not exist on " + date + " in " + zone + " (the clocks change)");
        }
        if (!time.endsAtMidnight() && !WallClock.exists(localEnd(date, time), zone.getRules())) {
            throw new AvailabilityRuleViolation("end_time",
                    time + " ends at a time that does not exist on " + date + " in " + zone + " (the clocks change)");
        }
        long minutes = (WallClock.epochSecond(localEnd(date, time), zone.getRules())
                - WallClock.epochSecond(localStart(date, time), zone.getRules())) / 60;
        if (durationMinutes != minutes) {
            throw new AvailabilityRuleViolation("duration_minutes", "duration_minutes must be " + minutes + ": "
                    + time + " on " + date + " in " + zone + " lasts " + minutes + " minutes, got " + durationMinutes);
        }
    }

    /** The specific-date slot a generated time becomes when it is booked. */
    public static Slot of(BookableTime time, ZoneId zone, SessionType sessionType, int maxParticipants) {
        LocalDate date = time.localStart().toLocalDate();
        LocalDateTime end = LocalDateTime.ofInstant(time.end(), zone);
        // Generated times end by the end of their day: a next-day end is midnight (the clock may skip it).
        LocalTime endTime = end.toLocalDate().isAfter(date) ? LocalTime.MIDNIGHT : end.toLocalTime();
        return new Slot(date, new LocalTimeRange(time.localStart().toLocalTime(), endTime),
                (int) Duration.between(time.start(), time.end()).toMinutes(), sessionType, maxParticipants, zone);
    }

    public Instant startsAt() {
        return Instant.ofEpochSecond(WallClock.epochSecond(localStart(date, time), zone.getRules()));
    }

    public Instant endsAt() {
        return Instant.ofEpochSecond(WallClock.epochSecond(localEnd(date, time), zone.getRules()));
    }

    /** The time this slot takes from the tutor's generated availability. */
    public Busy busy() {
        return new Busy(startsAt(), endsAt());
    }

    public boolean overlaps(Slot other) {
        return startsAt().isBefore(other.endsAt()) && other.startsAt().isBefore(endsAt());
    }

    /** "2027-01-20 10:00-11:00 (Africa/Lagos)". */
    @Override
    public String toString() {
        return date + " " + time + " (" + zone + ")";
    }

    private static LocalDateTime localStart(LocalDate date, LocalTimeRange time) {
        return LocalDateTime.of(date, time.start());
    }

    private static LocalDateTime localEnd(LocalDate date, LocalTimeRange time) {
        return time.endsAtMidnight() ? date.plusDays(1).atStartOfDay() : LocalDateTime.of(date, time.end());
    }
}
