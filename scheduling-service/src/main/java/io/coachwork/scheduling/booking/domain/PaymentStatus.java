package io.coachwork.scheduling.booking.domain;

/**
 * The booking's payment as wallet-service and Stripe reported it (BookingEvent's {@code paymentStatus}).
 * A booking paid with a session package reads PACKAGE_PENDING (credit asked for), PACKAGE_CREDIT
 * (spent) and CREDIT_RETURNED (given back).
 */
public enum PaymentStatus {
    REQUIRES_PAYMENT, SUCCEEDED, FAILED, CANCELLED, REFUND_PENDING, REFUNDED, PARTIALLY_REFUNDED,
    PACKAGE_PENDING, PACKAGE_CREDIT, CREDIT_RETURNED;

    /** True once money was taken (refunded or not) or a package credit was spent on the booking. */
    public boolean paid() {
        return this == SUCCEEDED || this == REFUND_PENDING || this == REFUNDED || this == PARTIALLY_REFUNDED
                || this == PACKAGE_CREDIT;
    }

    /** The booking is paid (or to be paid) with a package credit that has not been given back. */
    public boolean packageCredit() {
        return this == PACKAGE_PENDING || this == PACKAGE_CREDIT;
    }
}
