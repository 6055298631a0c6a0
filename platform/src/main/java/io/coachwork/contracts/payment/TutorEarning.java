package io.coachwork.contracts.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Payload of {@code coachwork.payment.tutor_earning.v1} on {@code coachwork.payments} (key = booking id):
 * a completed session's payment released to the tutor. {@code grossMinor} = {@code commissionMinor} +
 * {@code netMinor}; {@code commissionRate} is the tutor's tier rate in percent when the session completed.
 */
public record TutorEarning(String bookingId, String teachingSessionId, long tutorId, long studentId,
                           long grossMinor, long commissionMinor, long netMinor, BigDecimal commissionRate,
                           String currency, String transactionRef, Instant occurredAt) {
}
