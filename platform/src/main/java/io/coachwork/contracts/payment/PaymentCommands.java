package io.coachwork.contracts.payment;

import java.time.Instant;

/**
 * Commands scheduling-service's booking sagas send to wallet-service on {@code coachwork.wallet.commands}
 * (key = booking id, so one booking's payment commands apply in order). Each names the topic its
 * replies go to; wallet-service applies each at most once per {@code (sagaId, command type)} and answers
 * a repeat with the first reply. Money is minor units of an ISO 4217 currency (upper case).
 */
public final class PaymentCommands {

    private PaymentCommands() {
    }

    /**
     * Create the Stripe PaymentIntent a student pays a booking with (idempotency key = booking id).
     * Replies: {@link PaymentReplies.BookingPaymentCreated} or {@link PaymentReplies.BookingPaymentRefused};
     * later, when Stripe's webhook arrives, {@link PaymentReplies.BookingPaymentSucceeded} or
     * {@link PaymentReplies.BookingPaymentFailed} go to the same saga and reply topic.
     */
    public record CreateBookingPayment(String sagaId, String bookingId, long studentId, long tutorId, long slotId,
                                       long amountMinor, String currency, String description, Instant holdExpiresAt,
                                       String replyTopic) {
    }

    /**
     * The hold expired or the booking was abandoned before payment: cancel the PaymentIntent. Replies
     * {@link PaymentReplies.BookingPaymentCancelled}, or {@link PaymentReplies.BookingPaymentSucceeded}
     * when the student had already paid (the saga then refunds).
     */
    public record CancelBookingPayment(String sagaId, String bookingId, String reason, String replyTopic) {
    }

    /**
     * Refund {@code amountMinor} (the whole payment or the policy's share) of a paid booking through
     * Stripe (idempotency key = booking id + ":refund"). Replies {@link PaymentReplies.BookingRefundRequested}
     * at once; {@link PaymentReplies.BookingPaymentRefunded} follows to the same saga when Stripe's
     * {@code charge.refunded} webhook confirms it. {@code amountMinor} 0 releases the payment to the
     * tutor side without a refund (a late cancel under a no-refund policy).
     */
    public record RefundBookingPayment(String sagaId, String bookingId, long amountMinor, String reason,
                                       String replyTopic) {
    }
}
