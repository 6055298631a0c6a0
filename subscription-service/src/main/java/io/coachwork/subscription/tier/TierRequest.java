package io.coachwork.subscription.tier;

import io.coachwork.platform.money.Money;
import io.coachwork.platform.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole tier as an admin creates or replaces it. A {@code null} limit means unlimited;
 * {@code billing_period_days} null means the tier never ends (only for free).
 */
public record TierRequest(
        @Pattern(regexp = "^[a-z][a-z0-9_]{1,31}$", message = "code must be 2-32 lowercase letters, digits or _") String code,
        @NotBlank(message = "name is required") @Size(max = 80, message = "name must be at most 80 characters") String name,
        @Min(value = 0, message = "courses_limit must be 0 or more") Integer coursesLimit,
        @Min(value = 0, message = "communities_limit must be 0 or more") Integer communitiesLimit,
        @Min(value = 0, message = "digital_downloads_limit must be 0 or more") Integer digitalDownloadsLimit,
        @Min(value = 0, message = "memberships_limit must be 0 or more") Integer membershipsLimit,
        @NotNull(message = "unlimited_coaching is required") Boolean unlimitedCoaching,
        @NotNull(message = "commission_rate is required")
        @DecimalMin(value = "0", message = "commission_rate must be between 0 and 100")
        @DecimalMax(value = "100", message = "commission_rate must be between 0 and 100")
        @Digits(integer = 3, fraction = 2, message = "commission_rate has at most 2 decimals") BigDecimal commissionRate,
        @Min(value = 1, message = "billing_period_days must be at least 1") Integer billingPeriodDays,
        Integer sortOrder,
        Boolean active,
        @NotEmpty(message = "prices must list at least one currency") List<@Valid PriceRequest> prices) {

    public record PriceRequest(
            @NotNull(message = "currency is required") @Pattern(regexp = "^[A-Z]{3}$", message = "currency must be an ISO 4217 code like USD") String currency,
            @NotNull(message = "amount is required") @DecimalMin(value = "0", message = "amount must be 0 or more")
            @Digits(integer = 12, fraction = 2, message = "amount has at most 2 decimals") BigDecimal amount) {

        /** Exact minor units; the currency decides how many decimals it may have. */
        long minor() {
            try {
                return Money.parse(amount, currency).minor();
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("prices", e.getMessage());
            }
        }
    }

    Tier toTier(String tierCode, int defaultSortOrder) {
        Map<String, Long> priceMap = new LinkedHashMap<>();
        prices.forEach(p -> priceMap.put(p.currency(), p.minor()));
        return new Tier(tierCode, name.trim(), new Limits(coursesLimit, communitiesLimit, digitalDownloadsLimit, membershipsLimit),
                unlimitedCoaching, commissionRate, billingPeriodDays, sortOrder == null ? defaultSortOrder : sortOrder,
                active == null || active, priceMap);
    }
}
