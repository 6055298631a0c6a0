package io.coachwork.scheduling.booking.domain;

/** Who ended a booking (BookingEvent's {@code cancelledBy}). */
public enum CancelledBy {
    STUDENT, TUTOR, SYSTEM
}
