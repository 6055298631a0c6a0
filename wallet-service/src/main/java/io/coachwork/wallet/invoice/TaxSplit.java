package io.coachwork.wallet.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The tax inside a charged total. Tier prices include tax, so the invoice's total is exactly what the
 * ledger moved and the tax is carved out of it: {@code tax = total × rate / (100 + rate)}, rounded half up
 * to the minor unit, and {@code subtotal = total − tax}.
 */
public record TaxSplit(long subtotalMinor, long taxMinor) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static TaxSplit of(long totalMinor, BigDecimal ratePercent) {
        if (totalMinor < 0) {
            throw new IllegalArgumentException("a total cannot be negative");
        }
        requireRate(ratePercent);
        long tax = BigDecimal.valueOf(totalMinor).multiply(ratePercent)
                .divide(ratePercent.add(HUNDRED), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new TaxSplit(totalMinor - tax, tax);
    }

    static BigDecimal requireRate(BigDecimal ratePercent) {
        if (ratePercent == null || ratePercent.signum() < 0 || ratePercent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a tax rate is a percentage between 0 and 100");
        }
        return ratePercent;
    }
}
