package io.coachwork.session.teaching.domain;

import java.time.Instant;
import java.util.UUID;

/** Seed 002's SessionParticipant: one per booking. */
public record TeachingParticipant(UUID id, UUID sessionId, UUID bookingId, long studentId, ParticipantStatus status,
                                  Instant bookedAt, Instant updatedAt) {

    public boolean booked() {
        return status == ParticipantStatus.BOOKED;
    }
}
