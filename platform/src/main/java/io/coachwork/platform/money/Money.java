package io.coachwork.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount of money: whole minor units of an ISO 4217 currency, never floating point. How many
 * decimals a currency has comes from {@link Currency} (NGN and USD 2, JPY 0, KWD 3), never assumed.
 * <p>
 * The rounding rule, written once: a share of an amount ({@link #share}, {@link #percent}) is
 * rounded half-up to the minor unit. Amounts clients send ({@link #parse}) are never rounded: more
 * decimals than the currency has is an error.
 * <p>
 * Renderings: {@link #decimal()} as seed 000 shows amounts (at least one decimal: 5500 NGN →
 * {@code 55.0}, 44550 → {@code 445.5}); {@link #compact()} without trailing zeros (9900 → {@code 99});
 * {@link #formatted()} for people (grouping and every decimal: {@code 1,500.00 NGN}).
 */
public record Money(long minor, String currency) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Money {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        fractionDigits(currency);
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    /** The exact amount in {@code major} units; throws when it has more decimals than the currency or overflows. */
    public static Money parse(BigDecimal major, String currency) {
        int digits = fractionDigits(currency);
        try {
            // movePointRight itself throws for an exponent near the int limit, such as 1e2147483647
            BigDecimal minor = major.movePointRight(digits);
            if (minor.signum() != 0 && minor.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("amount may have at most " + digits + " decimal places for " + currency);
            }
            return new Money(minor.longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount is too large");
        }
    }

    /** Decimals of an ISO 4217 currency; throws for a code that is not one. */
    public static int fractionDigits(String currency) {
        Currency iso;
        try {
            iso = Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as NGN or USD");
        }
        return Math.max(0, iso.getDefaultFractionDigits());
    }

    /** In major units with exactly the currency's decimals ({@code 55.00}). */
    public BigDecimal major() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /** Seed 000's style: without trailing zeros but at least one decimal ({@code 55.0}, {@code 0.01}). */
    public BigDecimal decimal() {
        BigDecimal stripped = major().stripTrailingZeros();
        return stripped.setScale(Math.max(1, stripped.scale()));
    }

    /** Without trailing zeros ({@code 99}, {@code 39.99}, {@code 10.5}). */
    public BigDecimal compact() {
        BigDecimal stripped = major().stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** As error messages show it: {@code 55.0 NGN}. */
    public String text() {
        return decimal().toPlainString() + " " + currency;
    }

    /** As emails show it: grouping and the currency's decimals, {@code 1,500.00 NGN}. */
    public String formatted() {
        int digits = fractionDigits(currency);
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(major()) + " " + currency;
    }

    /** {@code numerator / denominator} of this amount, rounded half-up (m minutes at a price per hour: m/60). */
    public Money share(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
        return rounded(BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP));
    }

    /** {@code percent} % of this amount (a commission rate such as 12.5), rounded half-up. */
    public Money percent(BigDecimal percent) {
        return rounded(BigDecimal.valueOf(minor).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, same(other).minor), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, same(other).minor), currency);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
        return other;
    }

    private Money rounded(BigDecimal minorUnits) {
        try {
            return new Money(minorUnits.longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount is too large");
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
