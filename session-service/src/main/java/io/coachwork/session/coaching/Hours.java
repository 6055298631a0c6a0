package io.coachwork.session.coaching;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rule for showing whole minutes as decimal hours (seed 000: {@code 1.0}, {@code 0.75},
 * {@code 0.5}): minutes / 60 rounded half-up to two decimals, trailing zeros dropped, but always
 * at least one decimal. 45 → 0.75, 90 → 1.5, 60 → 1.0, 50 → 0.83, 0 → 0.0.
 */
public final class Hours {

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    private Hours() {
    }

    public static BigDecimal of(long minutes) {
        BigDecimal hours = BigDecimal.valueOf(minutes).divide(MINUTES_PER_HOUR, 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return hours.scale() < 1 ? hours.setScale(1, RoundingMode.UNNECESSARY) : hours;
    }

    public static String format(long minutes) {
        return of(minutes).toPlainString();
    }

    /** Seed 000's refusal when the wallet has too few hours for a session. */
    public static String insufficient(long requiredMinutes, long availableMinutes) {
        return "Insufficient coaching hours. Required: " + format(requiredMinutes) + ", Available: "
                + format(availableMinutes) + ". Please purchase more hours.";
    }
}
