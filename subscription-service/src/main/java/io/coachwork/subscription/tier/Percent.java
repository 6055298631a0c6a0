package io.coachwork.subscription.tier;

import java.math.BigDecimal;

/** Commission rates as clients see them: at least one decimal ({@code 10.0}, {@code 12.5}, {@code 7.25}). */
public final class Percent {

    private Percent() {
    }

    public static BigDecimal display(BigDecimal percent) {
        BigDecimal stripped = percent.stripTrailingZeros();
        return stripped.setScale(Math.max(1, stripped.scale()));
    }
}
