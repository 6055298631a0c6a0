package io.coachwork.scheduling.availability.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Seed 002's rules for specific-date slots: well-formed input, nothing in the past, nothing beyond four
 * weeks from today (the tutor's today), no overlap with the tutor's other slots (the error names the slot it
 * overlaps), and a slot that has started cannot be changed or deleted, nor one with bookings deleted.
 */
public final class SlotRules {

    /** Seed 002: slots can be added up to four weeks from the current date. */
    public static final int WEEKS_AHEAD = 4;
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private SlotRules() {
    }

    /** Parses the client's fields, refusing the first malformed one by name. */
    public static Slot parse(SlotInput input) {
        LocalDate date = parseDate(input.slotDate());
        LocalTimeRange time = LocalTimeRange.parse(input.startTime(), input.endTime());
        if (input.durationMinutes() == null) {
            throw new AvailabilityRuleViolation("duration_minutes", "duration_minutes is required");
        }
        SessionType type = SessionType.parse(input.sessionType());
        int seats = input.maxParticipants() == null ? type.maxParticipants() : input.maxParticipants();
        return new Slot(date, time, input.durationMinutes(), type, seats, parseZone(input.timezone()));
    }

    public static ZoneId parseZone(String text) {
        if (text == null || text.isBlank()) {
            throw new AvailabilityRuleViolation("timezone", "timezone is required (an IANA zone such as Africa/Lagos)");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException unknown) {
            throw new AvailabilityRuleViolation("timezone", "Unknown time zone \"" + text + "\" (use an IANA zone such as Africa/Lagos)");
        }
    }

    /**
     * A new slot may be created: it starts after {@code now}, its date is at most four weeks after the
     * tutor's today, and it overlaps none of {@code others}.
     */
    public static void checkNew(Slot slot, Instant now, Collection<ExistingSlot> others) {
        if (!slot.startsAt().isAfter(now)) {
            throw new AvailabilityRuleViolation("slot_date", "The slot " + slot + " is in the past");
        }
        LocalDate lastDate = LocalDate.ofInstant(now, slot.zone()).plusWeeks(WEEKS_AHEAD);
        if (slot.date().isAfter(lastDate)) {
            throw new AvailabilityRuleViolation("slot_date",
                    "Slots can be added at most 4 weeks ahead: the last date is " + lastDate + ", got " + slot.date());
        }
        for (ExistingSlot other : others) {
            if (slot.overlaps(other.slot())) {
                throw new AvailabilityRuleViolation("start_time",
                        "The slot " + slot + " overlaps slot " + other.id() + " (" + other.slot() + ")");
            }
        }
    }

    /** {@code current} may become {@code updated}: it has not started, and the new times pass {@link #checkNew}. */
    public static void checkChange(ExistingSlot current, Slot updated, Instant now, Collection<ExistingSlot> others) {
        requireNotStarted(current, now, "changed");
        checkNew(updated, now, others.stream().filter(other -> !other.id().equals(current.id())).toList());
    }

    /** {@code current} may be deleted: it has not started and nobody booked it (booked slots are cancelled instead). */
    public static void checkDelete(ExistingSlot current, Instant now, int bookings) {
        requireNotStarted(current, now, "deleted");
        if (bookings > 0) {
            throw AvailabilityRuleViolation.conflict("id", "Slot " + current.id() + " has " + bookings
                    + (bookings == 1 ? " booking" : " bookings") + ": cancel it instead of deleting it");
        }
    }

    private static void requireNotStarted(ExistingSlot current, Instant now, String verb) {
        if (!current.slot().startsAt().isAfter(now)) {
            throw AvailabilityRuleViolation.conflict("id",
                    "Slot " + current.id() + " (" + current.slot() + ") is in the past and cannot be " + verb);
        }
    }

    private static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            throw new AvailabilityRuleViolation("slot_date", "slot_date is required (YYYY-MM-DD)");
        }
        if (!ISO_DATE.matcher(text).matches()) {
            throw invalidDate(text);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            throw invalidDate(text);
        }
    }

    private static AvailabilityRuleViolation invalidDate(String text) {
        return new AvailabilityRuleViolation("slot_date", "slot_date must be a date as YYYY-MM-DD, got \"" + text + "\"");
    }
}
