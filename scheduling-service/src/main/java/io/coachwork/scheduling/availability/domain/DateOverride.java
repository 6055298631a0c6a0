package io.coachwork.scheduling.availability.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** Replaces the weekly blocks on one local date; an empty list makes the date unavailable. */
public record DateOverride(LocalDate date, List<LocalTimeRange> blocks) {

    public DateOverride {
        if (date == null) {
            throw new AvailabilityRuleViolation("date", "An override needs a date");
        }
        if (blocks == null) {
            throw new AvailabilityRuleViolation("blocks", "blocks is required (empty for no availability)");
        }
        blocks = blocks.stream().sorted(Comparator.comparingInt(LocalTimeRange::startMinute)).toList();
        for (int i = 1; i < blocks.size(); i++) {
            if (blocks.get(i - 1).overlaps(blocks.get(i))) {
                throw new AvailabilityRuleViolation("blocks", "Blocks " + blocks.get(i - 1) + " and "
                        + blocks.get(i) + " on " + date + " overlap");
            }
        }
    }
}
