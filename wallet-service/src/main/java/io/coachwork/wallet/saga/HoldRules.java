package io.coachwork.wallet.saga;

/**
 * The rules of a session's hold of hours, free of any framework.
 * <ul>
 *   <li>A reservation holds the session's minutes; unlimited tutors hold nothing (and are never refused).</li>
 *   <li>Settling consumes the minutes used, never more than were held, and returns the rest.</li>
 *   <li>Releasing returns everything still held.</li>
 *   <li>A reservation that leaves fewer available minutes than the threshold warns the tutor.</li>
 *   <li>At start the tutor's plan then decides (issue 7 item 9): unlimited now, whatever is held
 *       goes back and the session is free; no longer unlimited, a hold made free at booking is
 *       filled with the session's minutes (refused by the ledger when they are not there);
 *       otherwise the hold stays as it is.</li>
 * </ul>
 * Whether the tutor has the minutes is decided by the ledger, under the account's lock.
 */
public final class HoldRules {

    private HoldRules() {
    }

    /** Used and returned minutes of a settled hold. */
    public record Settlement(long usedMinutes, long releasedMinutes) {
    }

    public static long minutesToHold(boolean unlimited, long requestedMinutes) {
        if (requestedMinutes < 1) {
            throw new IllegalArgumentException("a reservation needs at least one minute, not " + requestedMinutes);
        }
        return unlimited ? 0 : requestedMinutes;
    }

    /** {@link HoldRepository#closeIfHeld} stores the same split in SQL, in the statement that closes the hold. */
    public static Settlement settle(long heldMinutes, long usedMinutes) {
        if (usedMinutes < 0) {
            throw new IllegalArgumentException("used minutes cannot be negative: " + usedMinutes);
        }
        long used = Math.min(heldMinutes, usedMinutes);
        return new Settlement(used, heldMinutes - used);
    }

    /** What a hold becomes at start: minutes to take from the balance, to return to it, and the new hold. */
    public record Confirmation(long toHold, long toReturn, long minutes, boolean unlimited) {
    }

    public static Confirmation confirm(boolean unlimitedNow, long heldMinutes, boolean heldUnlimited, long sessionMinutes) {
        if (unlimitedNow) {
            return new Confirmation(0, heldMinutes, 0, true);
        }
        if (heldUnlimited) {
            return new Confirmation(sessionMinutes, 0, sessionMinutes, false);
        }
        return new Confirmation(0, 0, heldMinutes, false);
    }

    public static boolean lowBalance(long availableMinutes, long thresholdMinutes) {
        return availableMinutes < thresholdMinutes;
    }
}
