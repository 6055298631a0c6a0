package io.coachwork.session.teaching.domain;

/** Seed 002's SessionParticipant status. */
public enum ParticipantStatus {
    BOOKED, CANCELLED, REFUNDED
}
