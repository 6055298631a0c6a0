package io.coachwork.wallet.hours;

import io.coachwork.platform.web.Pagination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of seed 000's coaching hours endpoints, field for field and in its order. */
public final class HoursViews {

    private HoursViews() {
    }

    /** {@code GET /coaching/hours-balance}: one of seed 000's two shapes. */
    public sealed interface Balance permits Limited, Unlimited {
    }

    public record Limited(BigDecimal hoursBalance, boolean unlimited, BigDecimal totalPurchased, BigDecimal totalUsed,
                          Instant lastUpdated) implements Balance {
    }

    /** Seed 000 shows literal zeros and no {@code last_updated} for unlimited tutors. */
    public record Unlimited(BigDecimal hoursBalance, boolean unlimited, int totalPurchased, int totalUsed)
            implements Balance {

        public static final Unlimited INSTANCE = new Unlimited(null, true, 0, 0);
    }

    /** {@code POST /coaching/purchase-hours}. */
    public record Purchase(long purchaseId, BigDecimal hoursPurchased, BigDecimal pricePerHour, BigDecimal totalAmount,
                           BigDecimal newHoursBalance, BigDecimal newWalletBalance, String transactionRef,
                           String currency) {
    }

    /** One row of {@code GET /coaching/purchase-history}. */
    public record PurchaseItem(long id, BigDecimal hoursPurchased, BigDecimal pricePerHour, BigDecimal totalAmount,
                               String currency, String transactionRef, String status, Instant purchasedAt) {
    }

    public record PurchaseHistory(List<PurchaseItem> purchases, Pagination pagination) {
    }
}
