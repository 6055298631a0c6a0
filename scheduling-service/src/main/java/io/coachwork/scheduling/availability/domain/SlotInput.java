package io.coachwork.scheduling.availability.domain;

/**
 * A specific-date slot as the client sent it (seed 002 fields, unparsed), so every format error can name its
 * field. {@code maxParticipants} may be null: 1 for ONE_TO_ONE, 20 for GROUP.
 */
public record SlotInput(String slotDate, String startTime, String endTime, Integer durationMinutes,
                        String sessionType, Integer maxParticipants, String timezone) {
}
