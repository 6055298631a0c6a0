package io.coachwork.wallet.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commission split: commission half-up to the minor unit, net the rest, the two always the gross. */
class CommissionSplitTest {

    @Test
    void seedZerosTenPercentOfAnHourAtFiftyDollars() {
        CommissionSplit split = CommissionSplit.of(5000, new BigDecimal("10.0"), "USD");
        assertThat(split.commissionMinor()).isEqualTo(500);
        assertThat(split.netMinor()).isEqualTo(4500);
    }

    @Test
    void halvesRoundUpAndEverythingElseToTheNearestMinorUnit() {
        assertThat(CommissionSplit.of(5005, new BigDecimal("10"), "USD").commissionMinor()).isEqualTo(501); // 500.5
        assertThat(CommissionSplit.of(5004, new BigDecimal("10"), "USD").commissionMinor()).isEqualTo(500); // 500.4
        assertThat(CommissionSplit.of(1, new BigDecimal("50"), "USD").commissionMinor()).isEqualTo(1);      // 0.5
        assertThat(CommissionSplit.of(1, new BigDecimal("49.99"), "USD").commissionMinor()).isZero();
        assertThat(CommissionSplit.of(333, new BigDecimal("12.5"), "JPY").commissionMinor()).isEqualTo(42); // 41.625
    }

    @Test
    void zeroAndAHundredPercentAndNothingToSplit() {
        assertThat(CommissionSplit.of(4321, BigDecimal.ZERO, "NGN").netMinor()).isEqualTo(4321);
        assertThat(CommissionSplit.of(4321, BigDecimal.valueOf(100), "NGN").netMinor()).isZero();
        assertThat(CommissionSplit.of(0, BigDecimal.TEN, "NGN").commissionMinor()).isZero();
    }

    @Test
    void ratesOutsideZeroToAHundredAndNegativeAmountsAreRefused() {
        assertThatThrownBy(() -> CommissionSplit.of(100, new BigDecimal("-0.01"), "USD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommissionSplit.of(100, new BigDecimal("100.01"), "USD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommissionSplit.of(100, null, "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommissionSplit.of(-1, BigDecimal.TEN, "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void commissionPlusNetIsTheGrossToTheCent(@ForAll("amounts") long gross, @ForAll("rates") BigDecimal rate) {
        CommissionSplit split = CommissionSplit.of(gross, rate, "USD");

        assertThat(split.commissionMinor() + split.netMinor()).isEqualTo(gross);
        assertThat(split.commissionMinor()).isBetween(0L, gross);
        BigDecimal exact = BigDecimal.valueOf(gross).multiply(rate).divide(BigDecimal.valueOf(100));
        assertThat(BigDecimal.valueOf(split.commissionMinor()).subtract(exact).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.5"));
        assertThat(split.commissionMinor()).isEqualTo(exact.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    @Property(tries = 500)
    void aHigherRateNeverLeavesTheTutorMore(@ForAll("amounts") long gross, @ForAll("rates") BigDecimal a,
                                            @ForAll("rates") BigDecimal b) {
        BigDecimal low = a.min(b);
        BigDecimal high = a.max(b);
        assertThat(CommissionSplit.of(gross, high, "USD").netMinor())
                .isLessThanOrEqualTo(CommissionSplit.of(gross, low, "USD").netMinor());
    }

    @Provide
    Arbitrary<Long> amounts() {
        // Up to Stripe's largest charge (99,999,999 minor units), weighted towards small prices.
        return Arbitraries.longs().between(0, 99_999_999L).withDistribution(net.jqwik.api.RandomDistribution.biased());
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(2);
    }
}
