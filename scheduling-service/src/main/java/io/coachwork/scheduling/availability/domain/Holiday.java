package io.coachwork.scheduling.availability.domain;

import java.time.LocalDate;

/** Local dates {@code from} to {@code to}, both included, with no availability at all. */
public record Holiday(LocalDate from, LocalDate to) {

    public Holiday {
        if (from == null) {
            throw new AvailabilityRuleViolation("from", "A holiday needs a first date");
        }
        if (to == null) {
            throw new AvailabilityRuleViolation("to", "A holiday needs a last date");
        }
        if (to.isBefore(from)) {
            throw new AvailabilityRuleViolation("to", "The holiday's last date " + to + " is before its first " + from);
        }
    }

    public static Holiday on(LocalDate date) {
        return new Holiday(date, date);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
