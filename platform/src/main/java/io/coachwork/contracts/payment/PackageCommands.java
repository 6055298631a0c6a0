package io.coachwork.contracts.payment;

import java.time.Instant;

/**
 * Commands scheduling-service's booking sagas send to wallet-service on {@code coachwork.wallet.commands}
 * for a booking paid with a session package (key = purchase id, so one purchase's credits are spent
 * in order). Applied at most once per {@code (sagaId, command type)}; a repeat gets the first reply.
 */
public final class PackageCommands {

    private PackageCommands() {
    }

    /**
     * Spend one credit of {@code purchaseId} on {@code bookingId}. The purchase must be the student's,
     * paid, not expired, for {@code tutorId} and {@code durationMinutes}, with a credit left. Replies
     * {@link PackageReplies.PackageCreditConsumed} or {@link PackageReplies.PackageCreditRefused}.
     */
    public record ConsumePackageCredit(String sagaId, String purchaseId, String bookingId, long studentId, long tutorId,
                                       int durationMinutes, Instant startsAt, String replyTopic) {
    }

    /**
     * Give the credit {@code bookingId} used back to its purchase (a cancelled or refused booking).
     * Replies {@link PackageReplies.PackageCreditReturned}; {@code returned} is false when the booking
     * held no credit, the credit was returned before, or its session was already paid to the tutor.
     */
    public record ReturnPackageCredit(String sagaId, String purchaseId, String bookingId, String reason,
                                      String replyTopic) {
    }
}
