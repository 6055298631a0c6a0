package io.coachwork.subscription.tier;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentTest {

    @Test
    void ratesKeepOneDecimal() {
        assertThat(Percent.display(new BigDecimal("10.00")).toString()).isEqualTo("10.0");
        assertThat(Percent.display(new BigDecimal("12.50")).toString()).isEqualTo("12.5");
        assertThat(Percent.display(new BigDecimal("7.25")).toString()).isEqualTo("7.25");
    }
}
