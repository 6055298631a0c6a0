package io.coachwork.contracts.payment;

import java.time.Instant;

/**
 * Payload of every {@code coachwork.payment.*} event on {@code coachwork.payments} (key = booking id):
 * a booking payment's state as wallet-service's ledger sees it, for partners and notifications.
 * {@code status}: REQUIRES_PAYMENT, SUCCEEDED, FAILED, CANCELLED, REFUND_PENDING, REFUNDED,
 * PARTIALLY_REFUNDED, RELEASED (paid out to the tutor). {@code refundedMinor} is the total refunded so far.
 */
public record PaymentEvent(String bookingId, long studentId, long tutorId, String paymentIntentId, String status,
                           long amountMinor, long refundedMinor, String currency, String reason, Instant occurredAt) {
}
