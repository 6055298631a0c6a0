package io.coachwork.scheduling.profile;

import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.booking.domain.CancellationPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A tutor's public profile and booking settings (seeds 001, 003, 004). Rates are in minor units of
 * {@code currency}; durations, increment, buffers and notice in minutes; times are read in
 * {@code timeZone}. Only an approved profile that accepts students is listed or bookable.
 */
public record TutorProfile(long tutorId, String displayName, String bio, List<String> achievements, String videoUrl,
                           List<String> tags, String experienceLevel, Long hourlyRateMinor, String currency,
                           int defaultDuration, int minimumDuration, int maximumDuration, int bookingIncrement,
                           int bufferBefore, int bufferAfter, int minimumNotice, boolean acceptingStudents,
                           String timeZone, BigDecimal rating, int reviewCount, ProfileStatus status,
                           String rejectionReason, Instant appliedAt, Instant decidedAt, List<Subject> subjects,
                           Instant createdAt, Instant updatedAt, String cancellationPolicy,
                           int lateCancelRefundPercent) {

    /** A subject (seed 001's "game") with the tutor's level or rank in it and optionally its own rate. */
    public record Subject(String subject, String level, Long hourlyRateMinor) {
    }

    /** A new tutor's profile: nothing filled in yet, the platform's booking defaults. */
    public static TutorProfile draft(long tutorId, String displayName, Instant now) {
        return new TutorProfile(tutorId, displayName, null, List.of(), null, List.of(), "intermediate", null, "USD",
                60, 30, 120, 30, 0, 0, 120, true, "UTC", null, 0, ProfileStatus.DRAFT, null, null, null, List.of(),
                now, now, CancellationPolicy.Kind.FLEXIBLE.value(), 0);
    }

    /** The generator's booking rules: this profile's increment, durations, buffers and notice, four weeks ahead. */
    public BookingRules bookingRules() {
        return new BookingRules(bookingIncrement, minimumDuration, maximumDuration, defaultDuration,
                Duration.ofMinutes(bufferBefore), Duration.ofMinutes(bufferAfter), Duration.ofMinutes(minimumNotice),
                BookingRules.FOUR_WEEKS);
    }

    /** The refund rule for this tutor's student cancels. */
    public CancellationPolicy refundPolicy() {
        return new CancellationPolicy(CancellationPolicy.Kind.of(cancellationPolicy), lateCancelRefundPercent);
    }

    public boolean listed() {
        return status == ProfileStatus.APPROVED && acceptingStudents;
    }

    /** What is still missing before an admin can review the application; empty when complete. */
    public List<String> missingForApplication() {
        List<String> missing = new ArrayList<>();
        if (displayName == null) {
            missing.add("display_name");
        }
        if (bio == null) {
            missing.add("bio");
        }
        if (subjects.isEmpty()) {
            missing.add("subjects");
        }
        if (hourlyRateMinor == null) {
            missing.add("hourly_rate");
        }
        return missing;
    }

    public TutorProfile applied(Instant now) {
        return withStatus(ProfileStatus.PENDING, null, now, decidedAt, now);
    }

    public TutorProfile approved(Instant now) {
        return withStatus(ProfileStatus.APPROVED, null, appliedAt, now, now);
    }

    public TutorProfile rejected(String reason, Instant now) {
        return withStatus(ProfileStatus.REJECTED, reason, appliedAt, now, now);
    }

    private TutorProfile withStatus(ProfileStatus next, String reason, Instant applied, Instant decided, Instant now) {
        return new TutorProfile(tutorId, displayName, bio, achievements, videoUrl, tags, experienceLevel,
                hourlyRateMinor, currency, defaultDuration, minimumDuration, maximumDuration, bookingIncrement,
                bufferBefore, bufferAfter, minimumNotice, acceptingStudents, timeZone, rating, reviewCount, next,
                reason, applied, decided, subjects, createdAt, now, cancellationPolicy, lateCancelRefundPercent);
    }

    /** A minor-unit amount of this profile's currency in major units (5000 USD minor is 50.00). */
    public BigDecimal major(Long minor) {
        return minor == null ? null : BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
