package io.coachwork.scheduling.booking.domain;

/** Where a booking stands (BookingEvent's {@code status}). */
public enum BookingStatus {
    /** A seat is held; the PaymentIntent is being made. */
    HELD,
    /** The PaymentIntent exists; the student pays before the hold expires. */
    PENDING_PAYMENT,
    /** Paid and the student is a participant of the teaching session. */
    CONFIRMED,
    CANCELLED,
    /** The hold expired unpaid. */
    EXPIRED,
    PAYMENT_FAILED,
    /** No PaymentIntent could be made, or session-service refused the participant. */
    REFUSED;

    /** True while the booking takes one of its slot's seats. */
    public boolean holdsSeat() {
        return this == HELD || this == PENDING_PAYMENT || this == CONFIRMED;
    }

    /** True before the booking is confirmed or over. */
    public boolean awaitingPayment() {
        return this == HELD || this == PENDING_PAYMENT;
    }
}
