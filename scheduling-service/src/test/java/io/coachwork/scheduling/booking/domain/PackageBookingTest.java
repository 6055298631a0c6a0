package io.coachwork.scheduling.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A booking paid with a package credit: asked for, spent, confirmed, given back; never refunded by card. */
class PackageBookingTest {

    private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant START = Instant.parse("2027-01-12T10:00:00Z");

    private static Booking held(long price) {
        return Booking.held(UUID.randomUUID(), 7, UUID.randomUUID(), 1, 2, "ONE_TO_ONE", 1, START,
                START.plus(Duration.ofHours(1)), "Africa/Lagos", null, null, null, price, "USD",
                NOW.plus(Duration.ofMinutes(15)), NOW);
    }

    @Test
    void aCreditSpentConfirmsTheBookingAndACancelGivesItBack() {
        Booking pending = held(0).payingWithPackage(NOW);
        assertThat(pending.paymentStatus()).isEqualTo(PaymentStatus.PACKAGE_PENDING);
        assertThat(pending.paymentStatus().paid()).isFalse();
        assertThat(pending.paymentStatus().packageCredit()).isTrue();

        Booking confirmed = pending.creditConsumed(NOW).confirmed(NOW);
        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.paymentStatus()).isEqualTo(PaymentStatus.PACKAGE_CREDIT);
        assertThat(confirmed.paymentStatus().paid()).isTrue();

        Booking back = confirmed.cancelled(CancelledBy.STUDENT, "ill", 0, NOW).creditReturned(NOW);
        assertThat(back.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(back.paymentStatus()).isEqualTo(PaymentStatus.CREDIT_RETURNED);
        assertThat(back.paymentStatus().packageCredit()).isFalse();
        assertThatThrownBy(() -> back.creditReturned(NOW)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void anUnspentCreditExpiresWithItsHoldAndOnlyAFreeHoldIsPaidWithACredit() {
        Booking expired = held(0).payingWithPackage(NOW).expired("hold expired", NOW).creditReturned(NOW);
        assertThat(expired.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(expired.paymentStatus()).isEqualTo(PaymentStatus.CREDIT_RETURNED);
        assertThatThrownBy(() -> held(6000).payingWithPackage(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> held(0).creditConsumed(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> held(0).payingWithPackage(NOW).cancelled(CancelledBy.STUDENT, "x", 1, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
