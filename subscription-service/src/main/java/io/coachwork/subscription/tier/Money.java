package io.coachwork.subscription.tier;

import java.math.BigDecimal;

/**
 * How amounts and rates are shown: minor units become major units without trailing zeros
 * ({@code 9900 → 99}, {@code 3999 → 39.99}); percentages keep one decimal at least ({@code 10.0}).
 * Every currency used here has two decimals.
 */
public final class Money {

    private Money() {
    }

    public static BigDecimal major(long minor) {
        BigDecimal value = BigDecimal.valueOf(minor, 2).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    public static long minor(BigDecimal major) {
        return major.movePointRight(2).longValueExact();
    }

    /** An amount as messages show it: major units with at least one decimal ({@code 55.0 NGN}). */
    public static BigDecimal display(long minor) {
        BigDecimal stripped = BigDecimal.valueOf(minor, 2).stripTrailingZeros();
        return stripped.setScale(Math.max(1, stripped.scale()));
    }

    public static BigDecimal rate(BigDecimal percent) {
        BigDecimal stripped = percent.stripTrailingZeros();
        return stripped.setScale(Math.max(1, stripped.scale()));
    }
}
