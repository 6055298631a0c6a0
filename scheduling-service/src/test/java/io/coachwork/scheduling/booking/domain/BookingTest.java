package io.coachwork.scheduling.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingTest {

    private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant START = Instant.parse("2027-01-12T10:00:00Z");

    private static Booking held() {
        return Booking.held(UUID.randomUUID(), 7, UUID.randomUUID(), 1, 2, "ONE_TO_ONE", 1, START,
                START.plus(Duration.ofHours(1)), "Africa/Lagos", "Asia/Tokyo", "Chess", null, 6000, "USD",
                NOW.plus(Duration.ofMinutes(15)), NOW);
    }

    @Test
    void aPaidHoldIsConfirmedAndTheRefundIsRequestedThenConfirmed() {
        Booking pending = held().paymentCreated("pi_1", "pi_1_secret", NOW);
        assertThat(pending.status()).isEqualTo(BookingStatus.PENDING_PAYMENT);
        assertThat(pending.paymentStatus()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT);

        Booking confirmed = pending.paid(NOW).confirmed(NOW);
        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.paymentStatus()).isEqualTo(PaymentStatus.SUCCEEDED);

        Booking cancelled = confirmed.cancelled(CancelledBy.STUDENT, "ill", 6000, NOW);
        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).as("refunded only when Stripe says so").isEqualTo(PaymentStatus.SUCCEEDED);
        Booking pendingRefund = cancelled.refundRequested(6000, NOW);
        assertThat(pendingRefund.paymentStatus()).isEqualTo(PaymentStatus.REFUND_PENDING);
        Booking refunded = pendingRefund.refunded(6000, NOW);
        assertThat(refunded.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundedMinor()).isEqualTo(6000);
    }

    @Test
    void aPartialRefundReadsPartiallyRefunded() {
        Booking b = held().paymentCreated("pi", "s", NOW).paid(NOW).confirmed(NOW)
                .cancelled(CancelledBy.STUDENT, null, 3000, NOW).refundRequested(3000, NOW).refunded(3000, NOW);
        assertThat(b.paymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(b.refundMinor()).isEqualTo(3000);
    }

    @Test
    void aZeroRefundLeavesThePaymentWithTheTutor() {
        Booking b = held().paymentCreated("pi", "s", NOW).paid(NOW).confirmed(NOW)
                .cancelled(CancelledBy.STUDENT, null, 0, NOW).refundRequested(0, NOW);
        assertThat(b.paymentStatus()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void unpaidHoldsEndExpiredFailedOrRefused() {
        assertThat(held().expired("late", NOW).status()).isEqualTo(BookingStatus.EXPIRED);
        Booking failed = held().paymentCreated("pi", "s", NOW).paymentFailed("card declined", NOW);
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.paymentStatus()).isEqualTo(PaymentStatus.FAILED);
        assertThat(held().refused("payments off", NOW).reason()).isEqualTo("payments off");
        assertThat(held().expired("late", NOW).status().holdsSeat()).isFalse();
    }

    @Test
    void aLatePaymentIsRefundedInFull() {
        Booking late = held().paymentCreated("pi", "s", NOW).expired("late", NOW).paidTooLate("too late", NOW);
        assertThat(late.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(late.paymentStatus()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(late.refundMinor()).isEqualTo(6000);
    }

    @Test
    void refusedChanges() {
        Booking confirmed = held().paymentCreated("pi", "s", NOW).paid(NOW).confirmed(NOW);
        assertThatThrownBy(() -> confirmed.expired("x", NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> confirmed.paymentFailed("x", NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> confirmed.paid(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> held().confirmed(NOW)).as("not paid").isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> held().paymentCreated("pi", "s", NOW).paymentCreated("pi", "s", NOW))
                .isInstanceOf(IllegalTransition.class);
        Booking cancelled = confirmed.cancelled(CancelledBy.TUTOR, null, 6000, NOW);
        assertThatThrownBy(() -> cancelled.cancelled(CancelledBy.STUDENT, null, 0, NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> held().cancelled(CancelledBy.STUDENT, null, 100, NOW))
                .as("nothing to refund unpaid").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> confirmed.cancelled(CancelledBy.STUDENT, null, 6001, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHoldIsLiveUntilItsExpiry() {
        Booking b = held();
        assertThat(b.holdLive(NOW.plus(Duration.ofMinutes(14)))).isTrue();
        assertThat(b.holdLive(NOW.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(b.expired("x", NOW).holdLive(NOW)).isFalse();
    }

    @Test
    void aRepeatedRefundWebhookChangesNothingAndNeverGoesBack() {
        Booking refunded = held().paymentCreated("pi", "s", NOW).paid(NOW).confirmed(NOW)
                .cancelled(CancelledBy.TUTOR, null, 6000, NOW).refundRequested(6000, NOW).refunded(6000, NOW);
        assertThat(refunded.refunded(6000, NOW).paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refunded(100, NOW).refundedMinor()).isEqualTo(6000);
    }
}
