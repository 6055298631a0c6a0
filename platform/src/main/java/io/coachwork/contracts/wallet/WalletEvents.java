package io.coachwork.contracts.wallet;

import java.math.BigDecimal;
import java.time.Instant;

/** Facts wallet-service publishes on {@code coachwork.wallet.events} (key = tutor id). */
public final class WalletEvents {

    private WalletEvents() {
    }

    /** Money moved into or out of a tutor's wallet; {@code reason}: top_up, hours_purchase, subscription, adjustment, refund, earning. */
    public record WalletMovement(long tutorId, long amountMinor, String currency, long balanceMinor, String reason,
                                 String transactionRef) {
    }

    public record HoursPurchased(long tutorId, long purchaseId, long minutes, long totalAmountMinor, String currency,
                                 String transactionRef, long hoursBalanceMinutes) {
    }

    /** The tutor's available hours fell below what their next sessions need, or below the warning threshold. */
    public record HoursBalanceLow(long tutorId, long availableMinutes, long thresholdMinutes) {
    }

    /**
     * The invoice of a paid tier period (subscribe or renewal), issued in the transaction of the charge that
     * paid it. Prices include tax: {@code subtotalMinor + taxMinor = totalMinor}, the amount charged.
     */
    public record InvoiceCreated(long invoiceId, String number, long tutorId, String tier, Instant periodStart,
                                 long subtotalMinor, String taxName, BigDecimal taxRatePercent, long taxMinor,
                                 long totalMinor, String currency, String status, String transactionRef,
                                 Instant issuedAt, Instant periodEnd) {
    }
}
