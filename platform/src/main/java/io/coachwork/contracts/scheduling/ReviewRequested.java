package io.coachwork.contracts.scheduling;

import java.time.Instant;

/**
 * Payload of {@code coachwork.scheduling.review.requested.v1} (key = tutor id): the daily job asks a
 * participant of a completed session to review it, once per participant and session.
 */
public record ReviewRequested(String sessionId, long tutorId, long studentId, Instant completedAt,
                              Instant requestedAt) {
}
