package io.coachwork.scheduling.review.domain;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatingsTest {

    @Test
    void twoDecimalsHalfUpAndNoneWithoutReviews() {
        assertThat(Ratings.average(0, 0)).isNull();
        assertThat(Ratings.average(9, 2)).isEqualByComparingTo("4.50").hasScaleOf(2);
        assertThat(Ratings.average(14, 3)).isEqualTo(new BigDecimal("4.67"));
        assertThat(Ratings.average(13, 3)).isEqualTo(new BigDecimal("4.33"));
        // 37 / 8 = 4.625: half up gives 4.63 where half even would give 4.62.
        assertThat(Ratings.average(37, 8)).isEqualTo(new BigDecimal("4.63"));
        assertThat(Ratings.average(5, 1)).isEqualTo(new BigDecimal("5.00"));
    }
}
