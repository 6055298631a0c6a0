package io.coachwork.notification.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void secondsAreShownToTheNearestMinute() {
        assertThat(Durations.format(0)).isEqualTo("0 min");
        assertThat(Durations.format(29)).isEqualTo("0 min");
        assertThat(Durations.format(30)).isEqualTo("1 min");
        assertThat(Durations.format(3300)).isEqualTo("55 min");
        assertThat(Durations.format(3570)).isEqualTo("1 h");
        assertThat(Durations.format(3900)).isEqualTo("1 h 05 min");
        assertThat(Durations.format(5400)).isEqualTo("1 h 30 min");
        assertThat(Durations.format(7200)).isEqualTo("2 h");
        assertThat(Durations.format(-5)).isEqualTo("0 min");
    }
}
