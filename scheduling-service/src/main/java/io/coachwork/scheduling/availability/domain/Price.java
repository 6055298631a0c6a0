package io.coachwork.scheduling.availability.domain;

import java.util.OptionalLong;

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

    /**
     * The price of booking {@code minutes}: at the subject's own rate when it has one, else at the tutor's;
     * empty when neither is set (the tutor cannot be booked).
     */
    public static OptionalLong of(Long subjectRateMinor, Long tutorRateMinor, int minutes) {
        Long rate = subjectRateMinor != null ? subjectRateMinor : tutorRateMinor;
        return rate == null ? OptionalLong.empty() : OptionalLong.of(of(rate, minutes));
    }
}
