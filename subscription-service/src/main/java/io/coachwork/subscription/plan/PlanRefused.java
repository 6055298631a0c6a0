package io.coachwork.subscription.plan;

/** A change of plan the rules do not allow; the message is shown to the tutor as is. */
public class PlanRefused extends RuntimeException {

    public PlanRefused(String message) {
        super(message, null, false, false);
    }
}
