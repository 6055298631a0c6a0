package io.coachwork.wallet.payment;

import io.coachwork.platform.money.Money;
import java.math.BigDecimal;

/**
 * How a released booking payment divides: the platform keeps {@code rate} percent of the gross
 * (rounded half-up to the minor unit, {@link Money#percent}) and the tutor earns the rest, so
 * commission + net is always the gross to the cent.
 */
public record CommissionSplit(long grossMinor, long commissionMinor, long netMinor, BigDecimal rate) {

    public static final BigDecimal MAX_RATE = BigDecimal.valueOf(100);

    public static CommissionSplit of(long grossMinor, BigDecimal rate, String currency) {
        if (grossMinor < 0) {
            throw new IllegalArgumentException("a released amount cannot be negative: " + grossMinor);
        }
        if (rate == null || rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
            throw new IllegalArgumentException("a commission rate is a percentage between 0 and 100, not " + rate);
        }
        long commission = Money.of(grossMinor, currency).percent(rate).minor();
        return new CommissionSplit(grossMinor, commission, grossMinor - commission, rate);
    }
}
