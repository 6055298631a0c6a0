package io.coachwork.contracts.payment;

import java.time.Instant;

/**
 * Payload of {@code coachwork.payment.package.*} events on {@code coachwork.payments} (key = purchase
 * id): a student's package purchase as it is after the change. {@code bookingId} names the booking a
 * credit was consumed by or returned from; {@code creditsExpired} counts credits the expiry job
 * forfeited. Money in minor units of {@code currency}.
 */
public record PackageEvent(String purchaseId, long packageId, long tutorId, long studentId, String name,
                           String status, int creditsTotal, int creditsUsed, int creditsLeft, int creditsExpired,
                           int durationMinutes, long priceMinor, String currency, Instant expiresAt, String bookingId,
                           Instant occurredAt) {
}
