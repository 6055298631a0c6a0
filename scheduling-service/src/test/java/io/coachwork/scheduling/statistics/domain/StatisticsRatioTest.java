package io.coachwork.scheduling.statistics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The one rounding rule of statistics: percentages and averages with two decimals, money in minor units, half-up. */
class StatisticsRatioTest {

    @Test
    void ratesArePercentagesRoundedHalfUp() {
        assertThat(Ratio.percent(2, 3)).isEqualByComparingTo("66.67");
        assertThat(Ratio.percent(1, 3)).isEqualByComparingTo("33.33");
        assertThat(Ratio.percent(1, 8)).isEqualByComparingTo("12.50");
        assertThat(Ratio.percent(1, 200)).isEqualByComparingTo("0.50");
        assertThat(Ratio.percent(1, 400)).isEqualByComparingTo("0.25");
        assertThat(Ratio.percent(1, 800)).isEqualByComparingTo("0.13");
        assertThat(Ratio.percent(0, 5)).isEqualByComparingTo("0.00");
        assertThat(Ratio.percent(5, 5)).isEqualByComparingTo("100.00");
    }

    @Test
    void nothingToDivideGivesNoRateRatherThanZero() {
        assertThat(Ratio.percent(0, 0)).isNull();
        assertThat(Ratio.average(0, 0)).isNull();
        assertThat(Ratio.averageMinor(0, 0)).isNull();
    }

    @Test
    void averages() {
        assertThat(Ratio.average(9, 2)).isEqualByComparingTo("4.50");
        assertThat(Ratio.average(14, 3)).isEqualByComparingTo("4.67");
        assertThat(Ratio.averageMinor(10_001, 2)).isEqualTo(5_001);
        assertThat(Ratio.averageMinor(10_000, 3)).isEqualTo(3_333);
        assertThat(Ratio.averageMinor(20_000, 3)).isEqualTo(6_667);
    }

    @Property
    void aRateIsBetweenZeroAndHundredAndWithinHalfAHundredthOfTheTruth(@ForAll @LongRange(min = 0, max = 1_000_000) long part,
                                                                        @ForAll @LongRange(min = 1, max = 1_000_000) long extra) {
        long whole = Math.max(1, part + extra - 1);
        BigDecimal rate = Ratio.percent(part, whole);
        assertThat(rate).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
        assertThat(rate.scale()).isEqualTo(2);
        BigDecimal exact = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 10, RoundingMode.HALF_UP);
        assertThat(rate.subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    }
}
