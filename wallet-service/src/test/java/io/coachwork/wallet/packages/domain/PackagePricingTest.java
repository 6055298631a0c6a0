package io.coachwork.wallet.packages.domain;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Package prices: sessions at the hourly rate, less the discount, half-up to the minor unit. */
class PackagePricingTest {

    @Test
    void fiveHoursAtSixtyDollarsLessTenPercent() {
        long full = PackagePricing.fullPrice(6000, 5, 60);
        assertThat(full).isEqualTo(30_000);
        assertThat(PackagePricing.discounted(full, new BigDecimal("10"), "USD")).isEqualTo(27_000);
    }

    @Test
    void eachSessionIsRoundedLikeABookingBeforeTheDiscount() {
        // 45 minutes at 33.33/h = 24.9975 → 25.00 a session; 4 sessions 100.00; 12.5% off → 87.50
        assertThat(PackagePricing.fullPrice(3333, 4, 45)).isEqualTo(10_000);
        assertThat(PackagePricing.discounted(10_000, new BigDecimal("12.5"), "USD")).isEqualTo(8750);
        // 0.5 of a minor unit of discount rounds up: 3 × 0.01 less 50% = 0.015 → 0.01 left
        assertThat(PackagePricing.discounted(3, new BigDecimal("50"), "USD")).isEqualTo(1);
        assertThat(PackagePricing.discounted(999, new BigDecimal("33.33"), "JPY")).isEqualTo(666);
    }

    @Test
    void discountsOutsideZeroToNinetyOrFinerThanHundredthsAreRefused() {
        assertThatThrownBy(() -> PackagePricing.discounted(1000, new BigDecimal("90.01"), "USD"))
                .hasMessageContaining("between 0 and 90");
        assertThatThrownBy(() -> PackagePricing.discounted(1000, new BigDecimal("-1"), "USD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackagePricing.discounted(1000, new BigDecimal("10.005"), "USD"))
                .hasMessageContaining("two decimals");
    }

    @Property
    void theDiscountedPriceIsTheFullPriceLessTheRoundedDiscount(
            @ForAll @LongRange(min = 0, max = 10_000_000) long rate, @ForAll @IntRange(min = 1, max = 100) int sessions,
            @ForAll @IntRange(min = 15, max = 480) int minutes,
            @ForAll @BigRange(min = "0", max = "90") @Scale(2) BigDecimal discount) {
        long full = PackagePricing.fullPrice(rate, sessions, minutes);
        long price = PackagePricing.discounted(full, discount, "USD");
        long exactTimes100 = full * (10_000 - discount.movePointRight(2).longValueExact());
        // price × 10000 is within half a minor unit of full × (100 − d)%
        assertThat(Math.abs(price * 10_000 - exactTimes100)).isLessThanOrEqualTo(5_000);
        assertThat(price).isBetween(0L, full);
        if (discount.signum() == 0) {
            assertThat(price).isEqualTo(full);
        }
    }
}
