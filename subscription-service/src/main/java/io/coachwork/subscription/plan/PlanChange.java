package io.coachwork.subscription.plan;

/** The result of applying a rule: the subscription as it should now be stored, and what happened. */
public record PlanChange(TutorSubscription next, Kind kind, String previousTier) {

    public enum Kind {
        /** A subscription starts: the first one, or a paid tier after the free one. */
        ACTIVATED,
        /** The tier changed between paid tiers, or back to free by the tutor's choice. */
        CHANGED,
        /** A paid period ended and the next one began. */
        RENEWED,
        /** The renewal charge was refused: the subscription stays on its tier, past due, within the grace period. */
        PAST_DUE,
        /** A paid period ended without renewal; the tutor is back on the free tier. */
        EXPIRED,
        /** Nothing to store. */
        UNCHANGED
    }
}
