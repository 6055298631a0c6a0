package io.coachwork.contracts.payment;

/** Replies of wallet-service to booking sagas, sent to the command's {@code replyTopic}; {@code sagaId} ties them back. */
public final class PaymentReplies {

    private PaymentReplies() {
    }

    /** The PaymentIntent exists; the client confirms it with {@code clientSecret} (Stripe.js). */
    public record BookingPaymentCreated(String sagaId, String bookingId, String paymentIntentId, String clientSecret,
                                        long amountMinor, String currency) {
    }

    /** No PaymentIntent could be made (payments not configured, amount or currency refused): nothing to undo. */
    public record BookingPaymentRefused(String sagaId, String bookingId, String reason) {
    }

    /** Stripe says the payment succeeded; the money is held in the ledger's booking escrow. */
    public record BookingPaymentSucceeded(String sagaId, String bookingId, String paymentIntentId, long amountMinor,
                                          String currency) {
    }

    /** Stripe says the payment failed or the intent was cancelled; no money was taken. */
    public record BookingPaymentFailed(String sagaId, String bookingId, String paymentIntentId, String reason) {
    }

    /** The PaymentIntent was cancelled before any payment. */
    public record BookingPaymentCancelled(String sagaId, String bookingId, String paymentIntentId) {
    }

    /** Stripe accepted the refund request; {@code refundId} is Stripe's (null when {@code amountMinor} is 0). */
    public record BookingRefundRequested(String sagaId, String bookingId, String refundId, long amountMinor,
                                         String currency) {
    }

    /** Stripe's webhook confirms the refund: the payment's status is now REFUNDED (or PARTIALLY_REFUNDED). */
    public record BookingPaymentRefunded(String sagaId, String bookingId, String refundId, long amountMinor,
                                         String currency, long refundedTotalMinor) {
    }
}
