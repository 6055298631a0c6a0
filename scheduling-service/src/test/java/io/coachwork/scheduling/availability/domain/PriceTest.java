package io.coachwork.scheduling.availability.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceTest {

    @Test
    void seed002Examples() {
        assertThat(Price.of(6000, 30)).isEqualTo(3000);
        assertThat(Price.of(6000, 90)).isEqualTo(9000);
    }

    @Test
    void theSubjectsRateWinsOverTheTutorsAndNoRateMeansNoPrice() {
        assertThat(Price.of(9000L, 6000L, 60)).hasValue(9000);
        assertThat(Price.of(null, 6000L, 45)).hasValue(4500);
        assertThat(Price.of(null, null, 60)).isEmpty();
    }

    @Test
    void halfAMinorUnitRoundsUp() {
        assertThat(Price.of(1001, 30)).isEqualTo(501);
        assertThat(Price.of(1, 29)).isZero();
    }

    @Property
    void isTheRateTimesTheMinutesRoundedHalfUp(@ForAll @LongRange(max = 100_000_000L) long rate,
                                               @ForAll @IntRange(min = 1, max = 1440) int minutes) {
        BigDecimal exact = BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(minutes))
                .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP);
        assertThat(Price.of(rate, minutes)).isEqualTo(exact.longValueExact());
    }
}
