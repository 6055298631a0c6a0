package io.coachwork.wallet.wallet;

import io.coachwork.platform.web.Pagination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the tutor's wallet endpoints. */
public final class WalletViews {

    private WalletViews() {
    }

    /** {@code GET /api/marketplace/tutor/wallet}; {@code updated_at} is null until the first movement. */
    public record Wallet(BigDecimal balance, String currency, Instant updatedAt) {
    }

    /** One movement of the wallet: {@code amount} is what moved (always positive), {@code direction} which way. */
    public record Transaction(long id, String type, String direction, BigDecimal amount, BigDecimal balanceAfter,
                              String currency, String reference, String description, Instant createdAt) {
    }

    public record Transactions(List<Transaction> transactions, Pagination pagination) {
    }
}
