package io.coachwork.wallet.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One booking's card payment as wallet-service keeps it. Money in minor units of {@code currency}.
 * What the booking escrow holds for it is {@link #escrowMinor()}: paid, less refunded, less released.
 */
public record BookingPayment(String bookingId, String sagaId, String replyTopic, long studentId, long tutorId,
                             long slotId, long amountMinor, String currency, String status, String paymentIntentId,
                             String clientSecret, String failureReason, long paidMinor, long refundRequestedMinor,
                             long refundedMinor, String refundId, String refundSagaId, String refundReplyTopic,
                             long releasedMinor, long commissionMinor, BigDecimal commissionRate,
                             String teachingSessionId, Instant releasedAt, Instant createdAt, Instant updatedAt) {

    public static final String REQUIRES_PAYMENT = "REQUIRES_PAYMENT";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String REFUND_PENDING = "REFUND_PENDING";
    public static final String REFUNDED = "REFUNDED";
    public static final String PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED";
    public static final String RELEASED = "RELEASED";
    /** Stripe refused to open the intent (amount or currency); kept so a repeated command sees it. */
    public static final String REFUSED = "REFUSED";

    public long escrowMinor() {
        return paidMinor - refundedMinor - releasedMinor;
    }

    /** What can still be refunded or released: paid, less what was already asked back or paid out. */
    public long openMinor() {
        return paidMinor - Math.max(refundRequestedMinor, refundedMinor) - releasedMinor;
    }

    public boolean paid() {
        return paidMinor > 0;
    }
}
