package io.coachwork.scheduling.availability.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a tutor's time may be booked. Bookable times start every {@code incrementMinutes} from each block's
 * start; a session lasts {@code minDurationMinutes + k * incrementMinutes} up to {@code maxDurationMinutes}.
 * Existing sessions are widened by {@code bufferBefore} and {@code bufferAfter}; a time must start at least
 * {@code minimumNotice} after now and before now + {@code horizon}.
 */
public record BookingRules(int incrementMinutes, int minDurationMinutes, int maxDurationMinutes,
                           int defaultDurationMinutes, Duration bufferBefore, Duration bufferAfter,
                           Duration minimumNotice, Duration horizon) {

    /** Seed 002: nothing is bookable or creatable beyond four weeks. */
    public static final Duration FOUR_WEEKS = Duration.ofDays(28);
    private static final int MAX_MINUTES = 24 * 60;

    public BookingRules {
        if (incrementMinutes < 5 || incrementMinutes > MAX_MINUTES) {
            throw new AvailabilityRuleViolation("increment_minutes", "The booking increment is 5 to 1440 minutes");
        }
        if (minDurationMinutes < 5) {
            throw new AvailabilityRuleViolation("min_duration_minutes", "The minimum duration is at least 5 minutes");
        }
        if (maxDurationMinutes < minDurationMinutes || maxDurationMinutes > MAX_MINUTES) {
            throw new AvailabilityRuleViolation("max_duration_minutes",
                    "The maximum duration is between the minimum (" + minDurationMinutes + ") and 1440 minutes");
        }
        if (!durationAllowed(defaultDurationMinutes, minDurationMinutes, maxDurationMinutes, incrementMinutes)) {
            throw new AvailabilityRuleViolation("default_duration_minutes",
                    "The default duration must be one of " + durations(minDurationMinutes, maxDurationMinutes, incrementMinutes));
        }
        requireWithin("buffer_before_minutes", bufferBefore, Duration.ofDays(1));
        requireWithin("buffer_after_minutes", bufferAfter, Duration.ofDays(1));
        requireWithin("minimum_notice_minutes", minimumNotice, FOUR_WEEKS);
        requireWithin("horizon", horizon, FOUR_WEEKS);
        if (horizon.isZero()) {
            throw new AvailabilityRuleViolation("horizon", "The horizon must be positive");
        }
    }

    /** One-hour sessions bookable on the hour, no buffers or notice, four weeks ahead. */
    public static BookingRules hourly() {
        return new BookingRules(60, 60, 60, 60, Duration.ZERO, Duration.ZERO, Duration.ZERO, FOUR_WEEKS);
    }

    public List<Integer> allowedDurations() {
        return durations(minDurationMinutes, maxDurationMinutes, incrementMinutes);
    }

    /** Refuses a session length these rules do not offer. */
    public void requireAllowedDuration(int minutes) {
        if (!durationAllowed(minutes, minDurationMinutes, maxDurationMinutes, incrementMinutes)) {
            throw new AvailabilityRuleViolation("duration_minutes",
                    "duration_minutes must be one of " + allowedDurations() + ", got " + minutes);
        }
    }

    private static boolean durationAllowed(int minutes, int min, int max, int increment) {
        return minutes >= min && minutes <= max && (minutes - min) % increment == 0;
    }

    private static List<Integer> durations(int min, int max, int increment) {
        List<Integer> durations = new ArrayList<>();
        for (int minutes = min; minutes <= max; minutes += increment) {
            durations.add(minutes);
        }
        return List.copyOf(durations);
    }

    private static void requireWithin(String field, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(max) > 0) {
            throw new AvailabilityRuleViolation(field, field + " must be between 0 and " + max.toMinutes() + " minutes");
        }
    }
}
