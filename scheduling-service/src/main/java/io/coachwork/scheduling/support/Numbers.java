package io.coachwork.scheduling.support;

import java.math.BigDecimal;

/**
 * Client numbers arrive as {@link BigDecimal} so that a huge or fractional value is refused here,
 * naming its field, instead of failing JSON decoding with no field at all.
 */
public final class Numbers {

    private Numbers() {
    }

    public static Integer wholeOrNull(String field, BigDecimal value, int min, int max) {
        return value == null ? null : whole(field, value, min, max);
    }

    public static int whole(String field, BigDecimal value, int min, int max) {
        if (value == null) {
            throw new InvalidInput(field, field + " is required");
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw new InvalidInput(field, field + " must be a whole number");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidInput(field, field + " must be between " + min + " and " + max);
        }
        return value.intValueExact();
    }

    /** A price in major units as minor units of a currency with {@code fractionDigits} decimals. */
    public static long minor(String field, BigDecimal amount, int fractionDigits, BigDecimal max) {
        if (amount.signum() <= 0) {
            throw new InvalidInput(field, field + " must be greater than 0");
        }
        if (amount.compareTo(max) > 0) {
            throw new InvalidInput(field, field + " must be at most " + max.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > fractionDigits) {
            throw new InvalidInput(field, field + " can have at most " + fractionDigits + " decimals");
        }
        return amount.movePointRight(fractionDigits).longValueExact();
    }
}
