package io.coachwork.contracts.scheduling;

import java.time.Instant;

/**
 * Payload of {@code coachwork.scheduling.schedule.changed.v1} (key = tutor id): a tutor's weekly
 * availability changed (schedule created, blocks replaced, preset applied, default switched, override
 * or holiday added or removed, or the schedule deleted, as {@code change} says; {@code calendly_busy_changed}:
 * busy time from the tutor's Calendly came, went, or stopped or started counting). Partners re-read the
 * tutor's bookable times; {@code scheduleId} is null for holidays and Calendly, which cover every schedule.
 */
public record ScheduleChanged(long tutorId, Long scheduleId, String change, String timeZone, Instant occurredAt) {
}
