package io.coachwork.contracts.booking;

import java.time.Instant;

/**
 * Payload of every {@code coachwork.booking.*} event on {@code coachwork.bookings} (key = booking id),
 * published by scheduling-service: a booking as it is after the change. {@code status}: HELD,
 * PENDING_PAYMENT, CONFIRMED, CANCELLED, EXPIRED, PAYMENT_FAILED, REFUSED; {@code paymentStatus}:
 * REQUIRES_PAYMENT, SUCCEEDED, FAILED, CANCELLED, REFUND_PENDING, REFUNDED, PARTIALLY_REFUNDED.
 * Times are UTC; {@code timezone} is the tutor's, {@code studentTimezone} the student's when known
 * (for "both time zones" in confirmations). {@code cancelledBy}: STUDENT, TUTOR, SYSTEM.
 */
public record BookingEvent(String bookingId, String teachingSessionId, long slotId, long tutorId, long studentId,
                           String status, String paymentStatus, String sessionType, Instant startsAt,
                           Instant endsAt, String timezone, String studentTimezone, long priceMinor,
                           long refundMinor, String currency, String cancelledBy, String reason,
                           Instant holdExpiresAt, Instant occurredAt) {
}
