package io.coachwork.contracts.wallet;

import java.time.Instant;

/**
 * Commands saga orchestrators send to wallet-service on {@code coachwork.wallet.commands}. Each
 * names the topic its reply goes to. Wallet-service applies each command at most once per
 * {@code sagaId} (a repeated command gets the first reply again), so orchestrators may resend.
 * Hours are whole minutes; money is minor units of an ISO currency.
 */
public final class WalletCommands {

    private WalletCommands() {
    }

    /** Hold {@code minutes} of the tutor's hours for a session (nothing is held for unlimited tiers). */
    public record ReserveHours(String sagaId, long tutorId, long sessionId, long minutes, String replyTopic) {
    }

    /** The session ended: {@code usedMinutes} of its hold are consumed, the rest returns to the balance. */
    public record SettleHours(String sagaId, long tutorId, long sessionId, long usedMinutes, String replyTopic) {
    }

    /** The session was cancelled or its creation failed: the whole hold returns to the balance. */
    public record ReleaseHours(String sagaId, long tutorId, long sessionId, String replyTopic) {
    }

    /**
     * The session starts: the tutor's plan now decides its hold. Unlimited now, the minutes held
     * are returned; no longer unlimited, a hold made free is filled with {@code minutes}, refused
     * when the tutor has too few.
     */
    public record ConfirmHours(String sagaId, long tutorId, long sessionId, long minutes, String replyTopic) {
    }

    /** Debit the tutor's wallet for a paid tier's period (subscribe or renew). */
    public record ChargeSubscription(String sagaId, long tutorId, String tier, long amountMinor, String currency,
                                     Instant periodStart, String replyTopic, Instant periodEnd) {
    }
}
