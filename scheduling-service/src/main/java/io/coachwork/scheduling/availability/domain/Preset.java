package io.coachwork.scheduling.availability.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/** Seed 003's quick set-up: fill chosen weekdays with a morning, afternoon and/or evening block. */
public enum Preset {
    MORNING(LocalTime.of(8, 0), LocalTime.of(12, 0)),
    AFTERNOON(LocalTime.of(12, 0), LocalTime.of(17, 0)),
    EVENING(LocalTime.of(17, 0), LocalTime.of(21, 0));

    private final LocalTimeRange time;

    Preset(LocalTime start, LocalTime end) {
        this.time = new LocalTimeRange(start, end);
    }

    public LocalTimeRange time() {
        return time;
    }

    /** The blocks of the given presets on the given days, ready for a {@link WeeklySchedule}. */
    public static List<WeeklyBlock> blocks(Collection<Preset> presets, Collection<DayOfWeek> days) {
        if (presets == null || presets.isEmpty()) {
            throw new AvailabilityRuleViolation("presets", "Choose at least one of MORNING, AFTERNOON, EVENING");
        }
        if (days == null || days.isEmpty()) {
            throw new AvailabilityRuleViolation("days", "Choose at least one weekday");
        }
        return EnumSet.copyOf(days).stream()
                .flatMap(day -> EnumSet.copyOf(presets).stream().map(preset -> new WeeklyBlock(day, preset.time)))
                .toList();
    }
}
