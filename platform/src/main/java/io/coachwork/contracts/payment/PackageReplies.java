package io.coachwork.contracts.payment;

import java.time.Instant;

/** Replies of wallet-service to package-credit commands, sent to the command's {@code replyTopic}. */
public final class PackageReplies {

    private PackageReplies() {
    }

    /** One credit is spent on the booking; {@code creditsLeft} remain until {@code expiresAt}. */
    public record PackageCreditConsumed(String sagaId, String purchaseId, String bookingId, int creditsTotal,
                                        int creditsUsed, int creditsLeft, Instant expiresAt) {
    }

    /** No credit was spent: {@code reason} says why (no credits left, expired, another tutor, other duration). */
    public record PackageCreditRefused(String sagaId, String purchaseId, String bookingId, String reason) {
    }

    /** The booking's credit is back in the purchase ({@code returned}), or there was none to give back. */
    public record PackageCreditReturned(String sagaId, String purchaseId, String bookingId, boolean returned,
                                        int creditsLeft) {
    }
}
