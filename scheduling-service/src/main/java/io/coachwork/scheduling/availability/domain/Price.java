package io.coachwork.scheduling.availability.domain;

/**
 * Seed 002's price of a session: hourly rate × minutes / 60, in minor units, rounded half up to the minor unit
 * (rates and minutes are never negative, so half up and half away from zero agree).
 */
public final class Price {

    private Price() {
    }

    public static long of(long hourlyRateMinor, int minutes) {
        if (hourlyRateMinor < 0) {
            throw new AvailabilityRuleViolation("hourly_rate", "The hourly rate cannot be negative");
        }
        if (minutes <= 0) {
            throw new AvailabilityRuleViolation("duration_minutes", "A session lasts at least one minute");
        }
        return Math.addExact(Math.multiplyExact(hourlyRateMinor, minutes), 30) / 60;
    }
}
