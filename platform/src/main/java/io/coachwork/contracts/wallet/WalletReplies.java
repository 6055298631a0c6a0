package io.coachwork.contracts.wallet;

/** Replies of wallet-service, sent to the command's {@code replyTopic}; {@code sagaId} ties them back. */
public final class WalletReplies {

    private WalletReplies() {
    }

    /** The hold exists. {@code unlimited} tutors get a zero-minute hold; {@code availableMinutes} is what is left. */
    public record HoursReserved(String sagaId, long tutorId, long sessionId, long minutes, boolean unlimited,
                                long availableMinutes) {
    }

    /** Not enough hours: nothing was held. */
    public record HoursReservationRefused(String sagaId, long tutorId, long sessionId, long requiredMinutes,
                                          long availableMinutes) {
    }

    public record HoursSettled(String sagaId, long tutorId, long sessionId, long usedMinutes, long releasedMinutes,
                               long availableMinutes) {
    }

    public record HoursReleased(String sagaId, long tutorId, long sessionId, long releasedMinutes, long availableMinutes) {
    }

    /** The hold as the plan at start left it: {@code minutes} held (0 when {@code unlimited}). */
    public record HoursConfirmed(String sagaId, long tutorId, long sessionId, long minutes, boolean unlimited,
                                 long availableMinutes) {
    }

    /** The tutor's plan lapsed since booking and the hours to hold the session are not there. */
    public record HoursConfirmationRefused(String sagaId, long tutorId, long sessionId, long requiredMinutes,
                                           long availableMinutes) {
    }

    public record SubscriptionCharged(String sagaId, long tutorId, String tier, long amountMinor, String currency,
                                      String transactionRef, long balanceMinor) {
    }

    /** Not enough money (or no wallet in that currency): nothing was debited. */
    public record SubscriptionChargeRefused(String sagaId, long tutorId, String tier, long requiredMinor,
                                            long availableMinor, String currency, String reason) {
    }
}
