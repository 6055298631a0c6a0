package io.coachwork.scheduling.booking.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One student's seat in one slot and its payment (issue 9). The state machine:
 * HELD → PENDING_PAYMENT (PaymentIntent made) → CONFIRMED (paid, participant added); a hold ends
 * EXPIRED, PAYMENT_FAILED, REFUSED or CANCELLED; a confirmed booking ends CANCELLED. The payment
 * moves on its own: REQUIRES_PAYMENT → SUCCEEDED → REFUND_PENDING → REFUNDED / PARTIALLY_REFUNDED,
 * or FAILED / CANCELLED. Every transition returns a new booking or throws {@link IllegalTransition}.
 */
public record Booking(UUID id, long slotId, UUID teachingSessionId, long tutorId, long studentId, BookingStatus status,
                      PaymentStatus paymentStatus, String sessionType, int maxParticipants, Instant startsAt,
                      Instant endsAt, String timezone, String studentTimezone, String subject, String notes,
                      long priceMinor, String currency, long refundMinor, long refundedMinor, String paymentIntentId,
                      String clientSecret, Instant holdExpiresAt, UUID sagaId, CancelledBy cancelledBy, String reason,
                      Instant createdAt, Instant updatedAt) {

    /** A new hold on a seat. */
    public static Booking held(UUID id, long slotId, UUID teachingSessionId, long tutorId, long studentId,
                               String sessionType, int maxParticipants, Instant startsAt, Instant endsAt, String timezone,
                               String studentTimezone, String subject, String notes, long priceMinor, String currency,
                               Instant holdExpiresAt, Instant now) {
        return new Booking(id, slotId, teachingSessionId, tutorId, studentId, BookingStatus.HELD,
                PaymentStatus.REQUIRES_PAYMENT, sessionType, maxParticipants, startsAt, endsAt, timezone,
                studentTimezone, subject, notes, priceMinor, currency, 0, 0, null, null, holdExpiresAt, null, null, null,
                now, now);
    }

    /** The hold still stands: awaiting payment, and not past its expiry. */
    public boolean holdLive(Instant now) {
        return status.awaitingPayment() && now.isBefore(holdExpiresAt);
    }

    /** Wallet-service made the PaymentIntent. */
    public Booking paymentCreated(String intentId, String secret, Instant now) {
        require(status == BookingStatus.HELD, "payment created");
        return with(BookingStatus.PENDING_PAYMENT, paymentStatus, refundMinor, refundedMinor, intentId, secret,
                cancelledBy, reason, now);
    }

    /** Stripe took the money; the booking confirms once session-service adds the participant. */
    public Booking paid(Instant now) {
        require(paymentStatus == PaymentStatus.REQUIRES_PAYMENT || paymentStatus == PaymentStatus.FAILED
                || paymentStatus == PaymentStatus.CANCELLED, "paid");
        return with(status, PaymentStatus.SUCCEEDED, refundMinor, refundedMinor, paymentIntentId, clientSecret,
                cancelledBy, reason, now);
    }

    public Booking confirmed(Instant now) {
        require(status.awaitingPayment()
                && (paymentStatus == PaymentStatus.SUCCEEDED || paymentStatus == PaymentStatus.PACKAGE_CREDIT), "confirmed");
        return with(BookingStatus.CONFIRMED, paymentStatus, refundMinor, refundedMinor, paymentIntentId, clientSecret,
                null, null, now);
    }

    public Booking paymentFailed(String why, Instant now) {
        require(status.awaitingPayment() && !paymentStatus.paid(), "failed");
        return with(BookingStatus.PAYMENT_FAILED, PaymentStatus.FAILED, refundMinor, refundedMinor, paymentIntentId,
                clientSecret, CancelledBy.SYSTEM, why, now);
    }

    public Booking expired(String why, Instant now) {
        require(status.awaitingPayment() && !paymentStatus.paid(), "expired");
        return with(BookingStatus.EXPIRED, paymentStatus, refundMinor, refundedMinor, paymentIntentId, clientSecret,
                CancelledBy.SYSTEM, why, now);
    }

    /** No PaymentIntent could be made, or the participant was refused (then the payment is refunded). */
    public Booking refused(String why, Instant now) {
        require(status.awaitingPayment(), "refused");
        return with(BookingStatus.REFUSED, paymentStatus, refundMinor, refundedMinor, paymentIntentId, clientSecret,
                CancelledBy.SYSTEM, why, now);
    }

    /** Cancelled by {@code by}; {@code refund} of a paid booking is asked back (nothing for an unpaid one). */
    public Booking cancelled(CancelledBy by, String why, long refund, Instant now) {
        require(status.holdsSeat(), "cancelled");
        if (refund < 0 || refund > priceMinor || (refund > 0 && !paymentStatus.paid())) {
            throw new IllegalArgumentException("refund " + refund + " of booking " + id);
        }
        return with(BookingStatus.CANCELLED, paymentStatus, refund, refundedMinor, paymentIntentId, clientSecret, by, why,
                now);
    }

    /** A payment that came after the booking ended (a late payment) is refunded in full. */
    public Booking paidTooLate(String why, Instant now) {
        require(!status.holdsSeat() && !paymentStatus.paid(), "paid too late");
        return with(status, PaymentStatus.SUCCEEDED, priceMinor, refundedMinor, paymentIntentId, clientSecret,
                cancelledBy, why, now);
    }

    /** Stripe accepted the refund of {@code amount}; a zero amount (late cancel, no refund) leaves the payment as is. */
    public Booking refundRequested(long amount, Instant now) {
        require(paymentStatus.paid(), "refund requested");
        return with(status, amount == 0 ? paymentStatus : PaymentStatus.REFUND_PENDING, Math.max(refundMinor, amount),
                refundedMinor, paymentIntentId, clientSecret, cancelledBy, reason, now);
    }

    /** Stripe's webhook confirms {@code refundedTotal} refunded so far. */
    public Booking refunded(long refundedTotal, Instant now) {
        require(paymentStatus.paid(), "refunded");
        long total = Math.min(Math.max(refundedTotal, refundedMinor), priceMinor);
        return with(status, total >= priceMinor ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED,
                Math.max(refundMinor, total), total, paymentIntentId, clientSecret, cancelledBy, reason, now);
    }

    /** The PaymentIntent was cancelled before any payment; a failed payment stays FAILED. */
    public Booking paymentCancelled(Instant now) {
        if (paymentStatus.paid() || paymentStatus == PaymentStatus.FAILED) {
            return this;
        }
        return with(status, PaymentStatus.CANCELLED, refundMinor, refundedMinor, paymentIntentId, clientSecret,
                cancelledBy, reason, now);
    }

    /** A new hold that a session-package credit pays instead of a card. */
    public Booking payingWithPackage(Instant now) {
        require(status == BookingStatus.HELD && paymentStatus == PaymentStatus.REQUIRES_PAYMENT && priceMinor == 0,
                "paid with a package");
        return with(status, PaymentStatus.PACKAGE_PENDING, refundMinor, refundedMinor, null, null, cancelledBy, reason,
                now);
    }

    /** Wallet-service spent the credit; the booking confirms once session-service adds the participant. */
    public Booking creditConsumed(Instant now) {
        require(status.awaitingPayment() && paymentStatus == PaymentStatus.PACKAGE_PENDING, "paid by credit");
        return with(status, PaymentStatus.PACKAGE_CREDIT, refundMinor, refundedMinor, null, null, cancelledBy, reason,
                now);
    }

    /** The credit is back in its package (the booking was cancelled, refused or expired). */
    public Booking creditReturned(Instant now) {
        require(paymentStatus.packageCredit(), "given its credit back");
        return with(status, PaymentStatus.CREDIT_RETURNED, refundMinor, refundedMinor, null, null, cancelledBy, reason,
                now);
    }

    public Booking withSaga(UUID saga) {
        return new Booking(id, slotId, teachingSessionId, tutorId, studentId, status, paymentStatus, sessionType,
                maxParticipants, startsAt, endsAt, timezone, studentTimezone, subject, notes, priceMinor, currency,
                refundMinor, refundedMinor, paymentIntentId, clientSecret, holdExpiresAt, saga, cancelledBy, reason,
                createdAt, updatedAt);
    }

    private void require(boolean allowed, String change) {
        if (!allowed) {
            throw new IllegalTransition("Booking " + id + " is " + status + " (payment " + paymentStatus
                    + ") and cannot be " + change);
        }
    }

    private Booking with(BookingStatus s, PaymentStatus p, long refund, long refunded, String intent, String secret,
                         CancelledBy by, String why, Instant now) {
        return new Booking(id, slotId, teachingSessionId, tutorId, studentId, s, p, sessionType, maxParticipants,
                startsAt, endsAt, timezone, studentTimezone, subject, notes, priceMinor, currency, refund, refunded,
                intent, secret, holdExpiresAt, sagaId, by, why, createdAt, now);
    }
}
