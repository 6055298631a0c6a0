package io.coachwork.scheduling.booking.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A tutor's refund rule for student cancels (seed 001). {@code FLEXIBLE} is seed 002's default: a full
 * refund any time before the start. {@code TWENTY_FOUR_HOURS}: a full refund until 24 hours before the
 * start, then {@code lateRefundPercent} of the price, rounded half up to the minor unit. Tutor cancels
 * and tutor no-shows always refund in full.
 */
public record CancellationPolicy(Kind kind, int lateRefundPercent) {

    public static final Duration LATE_WINDOW = Duration.ofHours(24);
    public static final CancellationPolicy FLEXIBLE = new CancellationPolicy(Kind.FLEXIBLE, 0);

    public enum Kind {
        FLEXIBLE("flexible"), TWENTY_FOUR_HOURS("24_hours");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The kind named {@code value}, or null when there is none. */
        public static Kind of(String value) {
            for (Kind k : values()) {
                if (k.value.equalsIgnoreCase(value)) {
                    return k;
                }
            }
            return null;
        }
    }

    public CancellationPolicy {
        if (kind == null) {
            throw new IllegalArgumentException("policy kind is required");
        }
        if (lateRefundPercent < 0 || lateRefundPercent > 100) {
            throw new IllegalArgumentException("late refund percent must be 0 to 100, got " + lateRefundPercent);
        }
    }

    /**
     * What a student cancelling at {@code now} gets back of {@code paidMinor} for a session starting at
     * {@code startsAt}. Cancelling at or after the start is not allowed (seed 002 §3.1).
     */
    public long studentRefund(long paidMinor, Instant startsAt, Instant now) {
        if (paidMinor < 0) {
            throw new IllegalArgumentException("paid amount cannot be negative");
        }
        if (!now.isBefore(startsAt)) {
            throw new IllegalTransition("The session has started and can no longer be cancelled");
        }
        if (kind == Kind.FLEXIBLE || now.isBefore(startsAt.minus(LATE_WINDOW))) {
            return paidMinor;
        }
        return share(paidMinor, lateRefundPercent);
    }

    /** {@code percent} of {@code amountMinor}, half up; never more than the amount. */
    static long share(long amountMinor, int percent) {
        return Math.addExact(Math.multiplyExact(amountMinor, percent), 50) / 100;
    }
}
