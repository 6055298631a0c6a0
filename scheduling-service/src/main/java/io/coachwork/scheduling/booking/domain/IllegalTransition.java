package io.coachwork.scheduling.booking.domain;

/** A change the booking's state does not allow; the message is shown to the caller. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(String message) {
        super(message);
    }
}
