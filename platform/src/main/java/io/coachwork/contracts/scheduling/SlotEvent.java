package io.coachwork.contracts.scheduling;

import java.time.Instant;

/**
 * Payload of {@code coachwork.scheduling.slot.*} events (key = tutor id, so one tutor's slots stay in
 * order): seed 002's slot as the tutor sees it (date and {@code HH:mm} times in {@code timezone}) and
 * the UTC instants those mean. On deletion it is the slot as it was.
 */
public record SlotEvent(long slotId, long tutorId, String slotDate, String startTime, String endTime,
                        int durationMinutes, String sessionType, int maxParticipants, int bookedCount,
                        String timezone, Instant startsAt, Instant endsAt, Instant occurredAt) {
}
