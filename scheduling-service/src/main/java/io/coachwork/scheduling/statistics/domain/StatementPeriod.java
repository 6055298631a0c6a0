package io.coachwork.scheduling.statistics.domain;

import io.coachwork.scheduling.support.InvalidInput;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The period an earnings statement covers, in the tutor's zone: a week from Monday to Sunday, or a
 * calendar month. {@code end} is the first day after it. Instants are the zone's midnights, so a
 * week with a DST change is 167 or 169 hours long and still holds seven whole local days.
 */
public record StatementPeriod(Kind kind, LocalDate start) {

    public enum Kind {
        WEEKLY, MONTHLY;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidInput(field, field + " is required: weekly or monthly");
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "weekly" -> WEEKLY;
                case "monthly" -> MONTHLY;
                default -> throw new InvalidInput(field, field + " must be weekly or monthly");
            };
        }
    }

    public StatementPeriod {
        if (kind == Kind.WEEKLY && start.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new InvalidInput("period_start", "A weekly statement starts on a Monday");
        }
        if (kind == Kind.MONTHLY && start.getDayOfMonth() != 1) {
            throw new InvalidInput("period_start", "A monthly statement starts on the first day of a month");
        }
    }

    /** The period of this kind that holds {@code day}. */
    public static StatementPeriod containing(Kind kind, LocalDate day) {
        return new StatementPeriod(kind, kind == Kind.WEEKLY
                ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1));
    }

    public LocalDate end() {
        return kind == Kind.WEEKLY ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** The last day inside the period. */
    public LocalDate lastDay() {
        return end().minusDays(1);
    }

    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant endInstant(ZoneId zone) {
        return end().atStartOfDay(zone).toInstant();
    }

    /** Whether the period is over at {@code now} in {@code zone}. */
    public boolean closedAt(Instant now, ZoneId zone) {
        return !now.isBefore(endInstant(zone));
    }
}
