package io.coachwork.subscription.tier;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A subscription tier. Recurring tiers last {@code billingPeriodDays}; a tier without a period
 * (free) never ends. Prices are minor units per ISO currency.
 */
public record Tier(String code, String name, Limits limits, boolean unlimitedCoaching, BigDecimal commissionRate,
                   Integer billingPeriodDays, int sortOrder, boolean active, Map<String, Long> prices) {

    public static final String FREE = "free";

    public boolean recurring() {
        return billingPeriodDays != null;
    }

    public Optional<Long> priceMinor(String currency) {
        return Optional.ofNullable(prices.get(currency));
    }
}
