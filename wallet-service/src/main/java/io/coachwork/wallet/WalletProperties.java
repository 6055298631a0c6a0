package io.coachwork.wallet;

import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coachwork.wallet.*}: the one currency of every tutor wallet, the available-hours level
 * below which a reservation warns the tutor, the price per coaching hour until the admin's coaching
 * settings arrive, the largest card top-up (Stripe's own limit is 99,999,999 minor units) and the
 * largest admin adjustment either way (the same unless configured).
 */
@ConfigurationProperties("coachwork.wallet")
public record WalletProperties(String currency, Long lowHoursThresholdMinutes, Long defaultPricePerHourMinor,
                               Long maxTopUpMinor, Long maxAdjustmentMinor) {

    public WalletProperties {
        currency = currency == null || currency.isBlank() ? "NGN" : currency.trim().toUpperCase(java.util.Locale.ROOT);
        Currency.getInstance(currency);
        lowHoursThresholdMinutes = lowHoursThresholdMinutes == null ? 60L : lowHoursThresholdMinutes;
        defaultPricePerHourMinor = defaultPricePerHourMinor == null ? 1000L : defaultPricePerHourMinor;
        maxTopUpMinor = maxTopUpMinor == null ? 99_999_999L : maxTopUpMinor;
        maxAdjustmentMinor = maxAdjustmentMinor == null ? 99_999_999L : maxAdjustmentMinor;
    }
}
