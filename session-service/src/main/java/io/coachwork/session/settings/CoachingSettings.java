package io.coachwork.session.settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;

/**
 * The admin's coaching settings (one row). The price is kept in minor units of its ISO currency;
 * it is shown in major units with at least one decimal, as seed 000 shows {@code 10.0}.
 */
public record CoachingSettings(long pricePerHourMinor, String currency, int defaultDurationMinutes,
                               int warningThresholdMinutes, boolean autoEndEnabled, Instant createdAt,
                               Instant updatedAt) {

    public static final int ID = 1;
    public static final int MIN_DURATION = 15;
    public static final int MAX_DURATION = 480;
    public static final int MIN_WARNING = 1;
    public static final int MAX_WARNING = 60;
    /** Seed 000 allows prices like 15.0 or 12.5; no currency here needs more than two decimals. */
    public static final int MAX_PRICE_DECIMALS = 2;

    public BigDecimal pricePerHour() {
        return displayed(BigDecimal.valueOf(pricePerHourMinor, fractionDigits(currency)));
    }

    /**
     * Applies a partial update; fields left null keep their value. A new currency without a new
     * price keeps the amount (10.0 NGN becomes 10.0 USD).
     */
    public CoachingSettings apply(SettingsUpdate update, Instant now) {
        String nextCurrency = update.currency() == null ? currency : validCurrency(update.currency().trim().toUpperCase());
        BigDecimal price = update.pricePerHour() == null ? pricePerHour() : validPrice(update.pricePerHour());
        int duration = update.defaultDurationMinutes() == null ? defaultDurationMinutes
                : within("default_duration_minutes", update.defaultDurationMinutes(), MIN_DURATION, MAX_DURATION);
        int warning = update.warningThresholdMinutes() == null ? warningThresholdMinutes
                : within("warning_threshold_minutes", update.warningThresholdMinutes(), MIN_WARNING, MAX_WARNING);
        boolean autoEnd = update.autoEndEnabled() == null ? autoEndEnabled : update.autoEndEnabled();
        return new CoachingSettings(minor(price, nextCurrency), nextCurrency, duration, warning, autoEnd, createdAt, now);
    }

    /** A settings change as an admin asks for it; null means "leave as is". */
    public record SettingsUpdate(BigDecimal pricePerHour, String currency, Integer defaultDurationMinutes,
                                 Integer warningThresholdMinutes, Boolean autoEndEnabled) {

        public boolean isEmpty() {
            return pricePerHour == null && currency == null && defaultDurationMinutes == null
                    && warningThresholdMinutes == null && autoEndEnabled == null;
        }
    }

    /** A value the settings cannot take; {@code field} is the JSON field at fault. */
    public static class InvalidSettings extends RuntimeException {

        private final String field;

        public InvalidSettings(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static BigDecimal validPrice(BigDecimal price) {
        if (price.signum() <= 0) {
            throw new InvalidSettings("price_per_hour", "price_per_hour must be greater than 0");
        }
        if (price.stripTrailingZeros().scale() > MAX_PRICE_DECIMALS) {
            throw new InvalidSettings("price_per_hour", "price_per_hour can have at most 2 decimals");
        }
        return price;
    }

    private static String validCurrency(String code) {
        if (code.matches("^[A-Z]{3}$")) {
            try {
                if (Currency.getInstance(code).getDefaultFractionDigits() >= 0) {
                    return code;
                }
            } catch (IllegalArgumentException unknown) {
                // Falls through to the same refusal as a malformed code.
            }
        }
        throw new InvalidSettings("currency", "currency must be an ISO 4217 code such as NGN or USD");
    }

    private static int within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettings(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static long minor(BigDecimal price, String currency) {
        try {
            return price.movePointRight(fractionDigits(currency)).longValueExact();
        } catch (ArithmeticException tooPrecise) {
            throw new InvalidSettings("price_per_hour", "price_per_hour has more decimals than " + currency + " allows");
        }
    }

    private static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static BigDecimal displayed(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
    }
}
