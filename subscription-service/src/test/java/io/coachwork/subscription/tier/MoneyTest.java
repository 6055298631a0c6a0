package io.coachwork.subscription.tier;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

    @Test
    void minorUnitsShowAsMajorWithoutTrailingZeros() {
        assertThat(Money.major(9900).toString()).isEqualTo("99");
        assertThat(Money.major(3999).toString()).isEqualTo("39.99");
        assertThat(Money.major(1050).toString()).isEqualTo("10.5");
        assertThat(Money.major(0).toString()).isEqualTo("0");
        assertThat(Money.minor(new BigDecimal("39.99"))).isEqualTo(3999);
    }

    @Test
    void ratesKeepOneDecimal() {
        assertThat(Money.rate(new BigDecimal("10.00")).toString()).isEqualTo("10.0");
        assertThat(Money.rate(new BigDecimal("12.50")).toString()).isEqualTo("12.5");
        assertThat(Money.rate(new BigDecimal("7.25")).toString()).isEqualTo("7.25");
    }
}
