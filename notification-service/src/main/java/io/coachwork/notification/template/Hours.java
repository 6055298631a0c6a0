package io.coachwork.notification.template;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hours are kept in whole minutes and shown as decimal hours the way seed 000 shows them: rounded
 * half up to two decimals, trailing zeros dropped but at least one decimal (60 → 1.0, 45 → 0.75,
 * 20 → 0.33).
 */
public final class Hours {

    private Hours() {
    }

    public static BigDecimal of(long minutes) {
        BigDecimal hours = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return hours.scale() < 1 ? hours.setScale(1) : hours;
    }

    public static String format(long minutes) {
        return of(minutes).toPlainString();
    }
}
