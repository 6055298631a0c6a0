package io.coachwork.scheduling.statistics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How statistics divide, written once: rates are percentages with two decimals, averages have two
 * decimals, money averages are whole minor units; all rounded half-up; nothing over zero is null
 * (no rate rather than a made-up 0%).
 */
public final class Ratio {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratio() {
    }

    /** {@code part / whole} as a percentage such as 66.67, or null when {@code whole} is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** {@code total / count} with two decimals, or null when {@code count} is 0. */
    public static BigDecimal average(long total, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** {@code totalMinor / count} in whole minor units, or null when {@code count} is 0. */
    public static Long averageMinor(long totalMinor, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(totalMinor).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
