package io.coachwork.scheduling.profile;

import io.coachwork.scheduling.availability.domain.AvailabilityRuleViolation;
import io.coachwork.scheduling.booking.domain.CancellationPolicy;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tutor's change to their own profile; null fields keep their value and a given {@code subjects}
 * list replaces the old one. {@link #applyTo} checks every rule and names the JSON field at fault.
 */
public record ProfileEdit(String displayName, String bio, List<String> achievements, String videoUrl,
                          List<String> tags, String experienceLevel, BigDecimal hourlyRate, String currency,
                          List<SubjectEdit> subjects, BigDecimal defaultDurationMinutes,
                          BigDecimal minimumDurationMinutes, BigDecimal maximumDurationMinutes,
                          BigDecimal bookingIncrementMinutes, BigDecimal bufferBeforeMinutes,
                          BigDecimal bufferAfterMinutes, BigDecimal minimumNoticeMinutes, Boolean acceptingStudents,
                          String timeZone, String cancellationPolicy, BigDecimal lateCancelRefundPercent) {

    public static final Set<String> LEVELS = Set.of("beginner", "intermediate", "advanced", "expert");
    /** Increments that divide an hour, so generated start times line up on the clock face. */
    public static final Set<Integer> INCREMENTS = Set.of(5, 10, 15, 20, 30, 60);
    public static final int MIN_DURATION = 15;
    public static final int MAX_DURATION = 480;
    public static final int MAX_BUFFER = 120;
    /** A week of notice at most; the booking horizon is four weeks. */
    public static final int MAX_NOTICE = 7 * 24 * 60;
    static final BigDecimal MAX_RATE = new BigDecimal("1000000");
    /** The generator's names for the booking fields, as this API spells them. */
    private static final Map<String, String> API_FIELDS = Map.of(
            "increment_minutes", "booking_increment_minutes",
            "min_duration_minutes", "minimum_duration_minutes",
            "max_duration_minutes", "maximum_duration_minutes");

    public record SubjectEdit(String subject, String level, BigDecimal hourlyRate) {
    }

    public TutorProfile applyTo(TutorProfile p, Instant now) {
        String nextCurrency = currency == null ? p.currency() : currency(currency);
        int digits = TutorProfile.fractionDigits(nextCurrency);
        Long rate = hourlyRate == null ? p.hourlyRateMinor() : Numbers.minor("hourly_rate", hourlyRate, digits, MAX_RATE);
        if (hourlyRate == null && rate != null && !nextCurrency.equals(p.currency())
                && TutorProfile.fractionDigits(p.currency()) != digits) {
            throw new InvalidInput("hourly_rate", "hourly_rate must be given again when the currency changes");
        }
        int min = or(Numbers.wholeOrNull("minimum_duration_minutes", minimumDurationMinutes, MIN_DURATION, MAX_DURATION),
                p.minimumDuration());
        int max = or(Numbers.wholeOrNull("maximum_duration_minutes", maximumDurationMinutes, MIN_DURATION, MAX_DURATION),
                p.maximumDuration());
        int def = or(Numbers.wholeOrNull("default_duration_minutes", defaultDurationMinutes, MIN_DURATION, MAX_DURATION),
                p.defaultDuration());
        int increment = or(Numbers.wholeOrNull("booking_increment_minutes", bookingIncrementMinutes, 5, 60),
                p.bookingIncrement());
        if (!INCREMENTS.contains(increment)) {
            throw new InvalidInput("booking_increment_minutes", "booking_increment_minutes must be one of 5, 10, 15, 20, 30, 60");
        }
        if (min > max) {
            throw new InvalidInput("minimum_duration_minutes",
                    "minimum_duration_minutes must not exceed maximum_duration_minutes");
        }
        if (def < min || def > max) {
            throw new InvalidInput("default_duration_minutes",
                    "default_duration_minutes must be between minimum_duration_minutes and maximum_duration_minutes");
        }
        TutorProfile next = new TutorProfile(p.tutorId(),
                displayName == null ? p.displayName() : Text.required("display_name", displayName, 120),
                bio == null ? p.bio() : Text.optional("bio", bio, 5000),
                achievements == null ? p.achievements() : Text.list("achievements", achievements, 20, 300),
                videoUrl == null ? p.videoUrl() : videoUrl(videoUrl),
                tags == null ? p.tags() : Text.list("tags", tags, 20, 50).stream().map(String::toLowerCase).distinct().toList(),
                experienceLevel == null ? p.experienceLevel() : level("experience_level", experienceLevel),
                rate, nextCurrency, def, min, max, increment,
                or(Numbers.wholeOrNull("buffer_before_minutes", bufferBeforeMinutes, 0, MAX_BUFFER), p.bufferBefore()),
                or(Numbers.wholeOrNull("buffer_after_minutes", bufferAfterMinutes, 0, MAX_BUFFER), p.bufferAfter()),
                or(Numbers.wholeOrNull("minimum_notice_minutes", minimumNoticeMinutes, 0, MAX_NOTICE), p.minimumNotice()),
                acceptingStudents == null ? p.acceptingStudents() : acceptingStudents,
                timeZone == null ? p.timeZone() : Text.zone("time_zone", timeZone).getId(),
                p.rating(), p.reviewCount(), p.status(), p.rejectionReason(), p.appliedAt(), p.decidedAt(),
                subjects == null ? p.subjects() : subjects(subjects, digits), p.createdAt(), now,
                cancellationPolicy == null ? p.cancellationPolicy() : policy(cancellationPolicy),
                or(Numbers.wholeOrNull("late_cancel_refund_percent", lateCancelRefundPercent, 0, 100),
                        p.lateCancelRefundPercent()));
        try {
            next.bookingRules();
        } catch (AvailabilityRuleViolation e) {
            throw new InvalidInput(API_FIELDS.getOrDefault(e.field(), e.field()), e.getMessage());
        }
        return next;
    }


    public boolean isEmpty() {
        return displayName == null && bio == null && achievements == null && videoUrl == null && tags == null
                && experienceLevel == null && hourlyRate == null && currency == null && subjects == null
                && defaultDurationMinutes == null && minimumDurationMinutes == null && maximumDurationMinutes == null
                && bookingIncrementMinutes == null && bufferBeforeMinutes == null && bufferAfterMinutes == null
                && minimumNoticeMinutes == null && acceptingStudents == null && timeZone == null
                && cancellationPolicy == null && lateCancelRefundPercent == null;
    }

    private static List<TutorProfile.Subject> subjects(List<SubjectEdit> edits, int digits) {
        if (edits.size() > 20) {
            throw new InvalidInput("subjects", "subjects can list at most 20 items");
        }
        List<TutorProfile.Subject> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SubjectEdit e : edits) {
            if (e == null) {
                throw new InvalidInput("subjects", "subjects must not contain null");
            }
            String name = Text.required("subjects.subject", e.subject(), 80);
            if (!seen.add(name.toLowerCase())) {
                throw new InvalidInput("subjects.subject", "subjects lists " + name + " twice");
            }
            String level = Text.optional("subjects.level", e.level(), 40);
            Long rate = e.hourlyRate() == null ? null
                    : Numbers.minor("subjects.hourly_rate", e.hourlyRate(), digits, MAX_RATE);
            out.add(new TutorProfile.Subject(name, level, rate));
        }
        return List.copyOf(out);
    }

    private static String policy(String value) {
        CancellationPolicy.Kind kind = CancellationPolicy.Kind.of(Text.required("cancellation_policy", value, 20));
        if (kind == null) {
            throw new InvalidInput("cancellation_policy", "cancellation_policy must be flexible or 24_hours");
        }
        return kind.value();
    }

    static String level(String field, String value) {
        String level = Text.required(field, value, 20).toLowerCase();
        if (!LEVELS.contains(level)) {
            throw new InvalidInput(field, field + " must be one of beginner, intermediate, advanced, expert");
        }
        return level;
    }

    private static String currency(String value) {
        String code = Text.required("currency", value, 3).toUpperCase();
        if (code.matches("^[A-Z]{3}$")) {
            try {
                Currency.getInstance(code);
                return code;
            } catch (IllegalArgumentException ignored) {
                // falls through to the refusal below
            }
        }
        throw new InvalidInput("currency", "currency must be an ISO 4217 code such as NGN or USD");
    }

    private static String videoUrl(String value) {
        String url = Text.optional("video_url", value, 500);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // falls through to the refusal below
        }
        throw new InvalidInput("video_url", "video_url must be an http(s) URL");
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
