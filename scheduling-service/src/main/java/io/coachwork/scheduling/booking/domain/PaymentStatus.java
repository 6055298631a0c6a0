package io.coachwork.scheduling.booking.domain;

/** The booking's payment as wallet-service and Stripe reported it (BookingEvent's {@code paymentStatus}). */
public enum PaymentStatus {
    REQUIRES_PAYMENT, SUCCEEDED, FAILED, CANCELLED, REFUND_PENDING, REFUNDED, PARTIALLY_REFUNDED;

    /** True once money was taken (refunded or not). */
    public boolean paid() {
        return this == SUCCEEDED || this == REFUND_PENDING || this == REFUNDED || this == PARTIALLY_REFUNDED;
    }
}
