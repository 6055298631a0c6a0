package io.coachwork.notification.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoursTest {

    @Test
    void minutesAreShownAsDecimalHoursRoundedHalfUpToTwoPlaces() {
        assertThat(Hours.format(60)).isEqualTo("1.0");
        assertThat(Hours.format(45)).isEqualTo("0.75");
        assertThat(Hours.format(30)).isEqualTo("0.5");
        assertThat(Hours.format(20)).isEqualTo("0.33");
        assertThat(Hours.format(50)).isEqualTo("0.83");
        assertThat(Hours.format(0)).isEqualTo("0.0");
        assertThat(Hours.format(330)).isEqualTo("5.5");
        assertThat(Hours.of(90)).isEqualByComparingTo("1.5");
    }
}
