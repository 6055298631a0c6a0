package io.coachwork.wallet.packages.domain;

import io.coachwork.platform.money.Money;
import java.math.BigDecimal;

/**
 * A package's price: an explicit {@code price}, or {@code discount_percent} off what the sessions
 * cost one by one at the tutor's hourly rate. One session costs {@code rate × minutes / 60} rounded
 * half-up to the minor unit (as scheduling-service prices a booking); the discount is
 * {@code percent} of the full price, rounded half-up ({@link Money#percent}), so the package never
 * costs a fraction of a minor unit.
 */
public final class PackagePricing {

    public static final BigDecimal MAX_DISCOUNT = BigDecimal.valueOf(90);

    private PackagePricing() {
    }

    /** The sessions at the hourly rate, one by one. */
    public static long fullPrice(long hourlyRateMinor, int sessionCount, int durationMinutes) {
        long perSession = Math.addExact(Math.multiplyExact(hourlyRateMinor, durationMinutes), 30) / 60;
        return Math.multiplyExact(perSession, sessionCount);
    }

    /** {@code fullPrice} less {@code discountPercent} (0 to 90, at most two decimals). */
    public static long discounted(long fullPriceMinor, BigDecimal discountPercent, String currency) {
        if (discountPercent.signum() < 0 || discountPercent.compareTo(MAX_DISCOUNT) > 0) {
            throw new IllegalArgumentException("discount_percent must be between 0 and " + MAX_DISCOUNT);
        }
        if (discountPercent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("discount_percent takes at most two decimals");
        }
        Money full = Money.of(fullPriceMinor, currency);
        return full.minus(full.percent(discountPercent)).minor();
    }
}
