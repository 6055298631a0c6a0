package io.coachwork.session.teaching.domain;

/** Seed 002 §4.1: SCHEDULED → IN_PROGRESS → COMPLETED; SCHEDULED → CANCELLED; SCHEDULED or IN_PROGRESS → NO_SHOW. */
public enum TeachingStatus {
    SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW;

    /** Nothing happens to a session in these states any more. */
    public boolean finished() {
        return this == COMPLETED || this == CANCELLED || this == NO_SHOW;
    }
}
