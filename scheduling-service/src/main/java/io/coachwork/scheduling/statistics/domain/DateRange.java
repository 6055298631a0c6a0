package io.coachwork.scheduling.statistics.domain;

import io.coachwork.scheduling.support.InvalidInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * A statistics range of whole days, {@code from} to {@code to} both included, cut in {@code zone}
 * (the tutor's for a tutor, UTC for the platform). {@code to} defaults to today, {@code from} to 29 days
 * before {@code to} (30 days).
 * Ranges span at most {@link #MAX_DAYS} days within years {@link #MIN_YEAR}..{@link #MAX_YEAR}.
 */
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2999;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public DateRange {
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "to must not be before from");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new InvalidInput("to", "A range can span at most " + MAX_DAYS + " days");
        }
    }

    /** The range a request asks for; {@code today} is the current date in {@code zone}. */
    public static DateRange parse(String from, String to, LocalDate today, ZoneId zone) {
        LocalDate start = from == null ? null : parseDate("from", from);
        LocalDate end = to == null ? today : parseDate("to", to);
        return new DateRange(start == null ? end.minusDays(DEFAULT_DAYS - 1) : start, end, zone);
    }

    /** A strict {@code YYYY-MM-DD} within the supported years, or a 400 naming {@code field}. */
    public static LocalDate parseDate(String field, String value) {
        String text = value.strip();
        if (text.length() != 10) {
            throw new InvalidInput(field, field + " must be a date such as 2026-11-30");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text, DATE);
        } catch (DateTimeException e) {
            throw new InvalidInput(field, field + " must be a date such as 2026-11-30");
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new InvalidInput(field, field + " must be a date between " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return date;
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public long days() {
        return days(from, to);
    }

    /** The first instant of the range: midnight of {@code from} in the zone (or the first instant after a DST gap). */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The period of the same length just before this one (for coach retention). */
    public DateRange previous() {
        long n = days();
        return new DateRange(from.minusDays(n), from.minusDays(1), zone);
    }
}
