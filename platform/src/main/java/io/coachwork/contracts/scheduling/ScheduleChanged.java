package io.coachwork.contracts.scheduling;

import java.time.Instant;

/**
 * Payload of {@code coachwork.scheduling.schedule.changed.v1} (key = tutor id): a tutor's weekly
 * availability changed (schedule created, blocks replaced, preset applied, default switched, override
 * or holiday added or removed, or the schedule deleted, as {@code change} says). Partners re-read the
 * tutor's bookable times; {@code scheduleId} is null for holidays, which cover every schedule.
 */
public record ScheduleChanged(long tutorId, Long scheduleId, String change, String timeZone, Instant occurredAt) {
}
