package io.coachwork.scheduling.review.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A tutor's average over their visible reviews: two decimals, half up; none without reviews. */
public final class Ratings {

    private Ratings() {
    }

    public static BigDecimal average(long sum, long count) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
