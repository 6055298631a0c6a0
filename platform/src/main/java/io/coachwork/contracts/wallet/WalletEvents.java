package io.coachwork.contracts.wallet;

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
}
