package io.coachwork.wallet.admin;

import io.coachwork.platform.web.Pagination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the wallet admin endpoints. */
public final class AdminViews {

    private AdminViews() {
    }

    /** {@code amount} is signed: positive was credited, negative debited. */
    public record Adjustment(long id, long tutorId, BigDecimal amount, String currency, String reason,
                             BigDecimal newBalance, String transactionRef, long adminId, Instant createdAt) {
    }

    /**
     * {@code outcome} is {@code applied} or {@code refused} (then {@code refusal} says why and there is
     * no transaction; {@code amount} is null when it was beyond any wallet's bound).
     */
    public record AuditEntry(long id, long adminId, String action, long tutorId, BigDecimal amount, String currency,
                             String reason, String outcome, String refusal, String transactionRef, Instant createdAt) {
    }

    public record AuditPage(List<AuditEntry> entries, Pagination pagination) {
    }

    public record Hours(BigDecimal hoursBalance, BigDecimal hoursHeld, boolean unlimited, BigDecimal totalPurchased,
                        BigDecimal totalUsed, Instant lastUpdated) {
    }

    public record Wallet(long tutorId, BigDecimal balance, String currency, Instant updatedAt, Hours hours) {
    }
}
