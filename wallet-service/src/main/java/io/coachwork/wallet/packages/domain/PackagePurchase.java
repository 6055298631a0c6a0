package io.coachwork.wallet.packages.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A student's purchase of a package, with the package's terms copied at purchase time. Credits:
 * {@code creditsUsed} were spent on bookings (live or completed; a returned credit is not counted),
 * {@code creditsExpired} were forfeited at expiry, the rest are left. {@code creditsSettled} credits'
 * money left the escrow (released to the tutor or forfeited); it orders their shares
 * ({@link CreditShares}). Money in minor units of {@code currency}.
 */
public record PackagePurchase(UUID id, long packageId, long tutorId, long studentId, String name, int sessionCount,
                              int durationMinutes, long priceMinor, String currency, int validityDays, String status,
                              String paymentIntentId, String clientSecret, String failureReason, long paidMinor,
                              int creditsUsed, int creditsSettled, int creditsExpired, long releasedMinor,
                              long commissionMinor, long forfeitedMinor, long refundedMinor, Instant paidAt,
                              Instant expiresAt, Instant createdAt, Instant updatedAt) {

    public static final String REQUIRES_PAYMENT = "REQUIRES_PAYMENT";
    public static final String ACTIVE = "ACTIVE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String REFUND_PENDING = "REFUND_PENDING";
    public static final String REFUNDED = "REFUNDED";
    public static final String EXPIRED = "EXPIRED";

    /** Credits a booking can still spend: none unless the purchase is paid and live. */
    public int creditsLeft() {
        return ACTIVE.equals(status) ? sessionCount - creditsUsed - creditsExpired : 0;
    }

    /** What the package escrow holds for this purchase. */
    public long escrowMinor() {
        return paidMinor - releasedMinor - forfeitedMinor - refundedMinor;
    }
}
