package io.coachwork.wallet.packages;

import java.math.BigDecimal;
import java.time.Instant;

/** A tutor's package offer; {@code discountPercent} and {@code hourlyRateMinor} are set when priced by discount. */
public record SessionPackage(long id, long tutorId, String name, int sessionCount, int durationMinutes, long priceMinor,
                             String currency, BigDecimal discountPercent, Long hourlyRateMinor, int validityDays,
                             boolean active, Instant createdAt, Instant updatedAt) {
}
