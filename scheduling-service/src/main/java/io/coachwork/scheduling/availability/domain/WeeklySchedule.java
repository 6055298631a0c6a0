package io.coachwork.scheduling.availability.domain;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * A named weekly pattern of teaching blocks in one IANA zone. Blocks are kept sorted by weekday and start;
 * overlapping blocks are refused with both named. Blocks that merely touch (09:00-12:00, 12:00-15:00) are
 * allowed and count as one stretch of time.
 */
public record WeeklySchedule(String name, ZoneId zone, List<WeeklyBlock> blocks) {

    static final Comparator<WeeklyBlock> ORDER =
            Comparator.comparing(WeeklyBlock::day).thenComparing(block -> block.time().startMinute());

    public WeeklySchedule {
        if (name == null || name.isBlank()) {
            throw new AvailabilityRuleViolation("name", "A schedule needs a name");
        }
        if (zone == null) {
            throw new AvailabilityRuleViolation("timezone", "A schedule needs an IANA time zone");
        }
        if (blocks == null) {
            throw new AvailabilityRuleViolation("blocks", "blocks is required (it may be empty)");
        }
        blocks = blocks.stream().sorted(ORDER).toList();
        for (int i = 1; i < blocks.size(); i++) {
            // Sorted by start, any overlap shows up between neighbours.
            if (blocks.get(i - 1).overlaps(blocks.get(i))) {
                throw new AvailabilityRuleViolation("blocks",
                        "Blocks " + blocks.get(i - 1) + " and " + blocks.get(i) + " overlap");
            }
        }
    }

    public List<LocalTimeRange> rangesOn(DayOfWeek day) {
        return blocks.stream().filter(block -> block.day() == day).map(WeeklyBlock::time).toList();
    }
}
