package io.coachwork.wallet.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The one place where stored amounts meet what clients send and see. Money is stored in minor
 * units of an ISO currency, hours in whole minutes.
 * <ul>
 *   <li>Shown hours are minutes / 60, rounded half-up to 2 decimals, with at least one decimal:
 *       330 min → {@code 5.5}, 660 → {@code 11.0}, 45 → {@code 0.75}, 79 → {@code 1.32}.</li>
 *   <li>Shown money is minor units in major units with at least one decimal: 5500 → {@code 55.0},
 *       44550 → {@code 445.5}, 1 → {@code 0.01} (NGN and USD have two decimals).</li>
 *   <li>The price of m minutes at p minor units per hour is m × p / 60, rounded half-up to the minor unit.</li>
 *   <li>Hours a client sends must be a whole number of minutes (hours × 60 integral); money may
 *       not have more decimals than its currency.</li>
 * </ul>
 */
public final class Units {

    /** The unit of hour accounts: minutes. */
    public static final String MINUTES = "MIN";

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Units() {
    }

    public static BigDecimal hours(long minutes) {
        return atLeastOneDecimal(BigDecimal.valueOf(minutes).divide(SIXTY, 2, RoundingMode.HALF_UP));
    }

    public static BigDecimal money(long minor, String currency) {
        return atLeastOneDecimal(BigDecimal.valueOf(minor, fractionDigits(currency)));
    }

    /** {@code 55.0 NGN}, as error messages show an amount. */
    public static String moneyText(long minor, String currency) {
        return money(minor, currency).toPlainString() + " " + currency;
    }

    public static long price(long minutes, long pricePerHourMinor) {
        return BigDecimal.valueOf(minutes).multiply(BigDecimal.valueOf(pricePerHourMinor))
                .divide(SIXTY, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Minutes in {@code hours}; throws when that is not a whole number of minutes. */
    public static long minutes(BigDecimal hours) {
        BigDecimal minutes = hours.multiply(SIXTY);
        if (minutes.signum() != 0 && minutes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("hours must be a whole number of minutes (for example 1.5 or 0.25)");
        }
        return exact(minutes, "hours");
    }

    /** Minor units in {@code major}; throws when it has more decimals than the currency allows. */
    public static long minor(BigDecimal major, String currency) {
        int digits = fractionDigits(currency);
        BigDecimal minor;
        try {
            minor = major.movePointRight(digits);
        } catch (ArithmeticException e) {
            // an exponent near the int limit, such as 1e2147483647, cannot even be scaled
            throw new IllegalArgumentException("amount is too large");
        }
        if (minor.signum() != 0 && minor.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("amount may have at most " + digits + " decimal places for " + currency);
        }
        return exact(minor, "amount");
    }

    public static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static long exact(BigDecimal value, String field) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is too large");
        }
    }

    private static BigDecimal atLeastOneDecimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(1, stripped.scale()));
    }
}
