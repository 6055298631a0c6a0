package io.coachwork.scheduling.availability;

import io.coachwork.scheduling.availability.domain.AvailabilityRuleViolation;
import io.coachwork.scheduling.availability.domain.LocalTimeRange;
import io.coachwork.scheduling.availability.domain.Preset;
import io.coachwork.scheduling.availability.domain.WeeklyBlock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Request bodies of the availability endpoints, kept as text until parsed here so each error names its field. */
public final class AvailabilityRequests {

    static final int MAX_BLOCKS = 100;

    private AvailabilityRequests() {
    }

    public record BlockRequest(String day, String startTime, String endTime) {

        WeeklyBlock weekly() {
            return new WeeklyBlock(AvailabilityRequests.day(day), range());
        }

        LocalTimeRange range() {
            return LocalTimeRange.parse(startTime, endTime);
        }
    }

    /** Seed 003's quick set-up: e.g. {@code {"presets": ["MORNING", "EVENING"], "days": ["MONDAY", "FRIDAY"]}}. */
    public record PresetRequest(List<String> presets, List<String> days) {

        List<WeeklyBlock> blocks() {
            if (presets == null || days == null) {
                return Preset.blocks(List.of(), List.of());
            }
            return Preset.blocks(presets.stream().map(AvailabilityRequests::preset).toList(),
                    days.stream().map(AvailabilityRequests::day).toList());
        }
    }

    /** A new schedule, or a change to one: blocks given outright or filled from a preset. */
    public record ScheduleRequest(String name, Boolean isDefault, List<BlockRequest> blocks, PresetRequest preset) {

        /** The blocks asked for, or null when neither {@code blocks} nor {@code preset} is given. */
        List<WeeklyBlock> weeklyBlocks() {
            if (blocks != null && preset != null) {
                throw new AvailabilityRuleViolation("preset", "Send blocks or a preset, not both");
            }
            if (preset != null) {
                return preset.blocks();
            }
            return blocks == null ? null : weekly(blocks);
        }
    }

    public record OverrideRequest(List<BlockRequest> blocks) {

        List<LocalTimeRange> ranges() {
            if (blocks == null) {
                throw new AvailabilityRuleViolation("blocks", "blocks is required (empty for no availability that day)");
            }
            if (blocks.size() > MAX_BLOCKS) {
                throw new AvailabilityRuleViolation("blocks", "At most " + MAX_BLOCKS + " blocks");
            }
            return blocks.stream().map(b -> {
                if (b == null) {
                    throw new AvailabilityRuleViolation("blocks", "blocks must not contain null");
                }
                return b.range();
            }).toList();
        }
    }

    public record HolidayRequest(String from, String to, String note) {
    }

    static List<WeeklyBlock> weekly(List<BlockRequest> blocks) {
        if (blocks.size() > MAX_BLOCKS) {
            throw new AvailabilityRuleViolation("blocks", "At most " + MAX_BLOCKS + " blocks");
        }
        return blocks.stream().map(b -> {
            if (b == null) {
                throw new AvailabilityRuleViolation("blocks", "blocks must not contain null");
            }
            return b.weekly();
        }).toList();
    }

    static DayOfWeek day(String text) {
        if (text != null) {
            String upper = text.strip().toUpperCase();
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                    return day;
                }
            }
        }
        throw new AvailabilityRuleViolation("day", "day must be a weekday such as MONDAY, got \"" + text + "\"");
    }

    static Preset preset(String text) {
        return Arrays.stream(Preset.values()).filter(p -> text != null && p.name().equalsIgnoreCase(text.strip()))
                .findFirst().orElseThrow(() -> new AvailabilityRuleViolation("presets",
                        "presets must be MORNING, AFTERNOON or EVENING, got \"" + text + "\""));
    }

    static LocalDate date(String field, String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new AvailabilityRuleViolation(field, field + " must be a date as YYYY-MM-DD, got \"" + text + "\"");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new AvailabilityRuleViolation(field, field + " must be a date as YYYY-MM-DD, got \"" + text + "\"");
        }
    }
}
