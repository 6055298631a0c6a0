package io.coachwork.wallet.packages;

import java.math.BigDecimal;

/**
 * The body of creating (POST) or changing (PATCH) a package. Numbers arrive as {@link BigDecimal} so a
 * huge or fractional one is refused naming its field. Either {@code price} (the whole package, major
 * units) or {@code discount_percent} off the tutor's hourly rate (as scheduling-service announced it).
 */
public record PackageRequest(String name, BigDecimal sessionCount, BigDecimal durationMinutes, BigDecimal price,
                             BigDecimal discountPercent, BigDecimal validityDays, String currency, Boolean active) {
}
