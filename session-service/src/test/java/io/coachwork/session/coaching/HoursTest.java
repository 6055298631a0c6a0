package io.coachwork.session.coaching;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole minutes shown as seed 000's decimal hours. */
class HoursTest {

    @Test
    void minutesBecomeDecimalHoursWithAtLeastOneDecimal() {
        assertThat(Hours.of(60)).isEqualByComparingTo("1.0").hasToString("1.0");
        assertThat(Hours.of(45)).hasToString("0.75");
        assertThat(Hours.of(30)).hasToString("0.5");
        assertThat(Hours.of(90)).hasToString("1.5");
        assertThat(Hours.of(600)).hasToString("10.0");
        assertThat(Hours.of(0)).hasToString("0.0");
    }

    @Test
    void thirdsOfAnHourRoundHalfUpToTwoDecimals() {
        assertThat(Hours.of(50)).isEqualTo(new BigDecimal("0.83"));
        assertThat(Hours.of(20)).isEqualTo(new BigDecimal("0.33"));
        assertThat(Hours.of(1)).isEqualTo(new BigDecimal("0.02"));
        assertThat(Hours.of(28)).isEqualTo(new BigDecimal("0.47"));
    }

    @Test
    void theInsufficientHoursMessageIsSeed000s() {
        assertThat(Hours.insufficient(60, 30))
                .isEqualTo("Insufficient coaching hours. Required: 1.0, Available: 0.5. Please purchase more hours.");
        assertThat(Hours.insufficient(90, 0))
                .isEqualTo("Insufficient coaching hours. Required: 1.5, Available: 0.0. Please purchase more hours.");
    }
}
