package io.coachwork.platform.saga;

/** Where a saga instance stands. */
public enum SagaState {
    /** A step's command is out; its reply is awaited (and the command resent until it comes). */
    AWAITING,
    /** A step gave up (attempt cap or timeout); its compensation's command is out. */
    COMPENSATING,
    /** Between steps: the owning service starts the next one when its own user acts (end, cancel). */
    IDLE,
    /** Every step it needed is done. */
    COMPLETED,
    /** Refused by a participant, or gave up and compensated; {@code failure} says why. */
    FAILED;

    public String value() {
        return name().toLowerCase();
    }

    public static SagaState of(String value) {
        return valueOf(value.toUpperCase());
    }

    /** True while a command is out and the saga may still move on its own. */
    public boolean waitingForReply() {
        return this == AWAITING || this == COMPENSATING;
    }
}
