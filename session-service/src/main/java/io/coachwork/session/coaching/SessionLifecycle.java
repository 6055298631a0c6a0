package io.coachwork.session.coaching;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state machine of seed 000 ("scheduled → active → ended; cancelled at any time before
 * ended"), with {@code pending → scheduled | failed} in front for the hours reservation. Each
 * check throws {@link SessionRuleViolation} with the message the caller sees.
 */
public final class SessionLifecycle {

    private static final Set<SessionStatus> CANCELLABLE =
            EnumSet.of(SessionStatus.PENDING, SessionStatus.SCHEDULED, SessionStatus.ACTIVE);
    private static final Set<SessionStatus> INVITABLE = CANCELLABLE;
    private static final Set<SessionStatus> JOINABLE = EnumSet.of(SessionStatus.SCHEDULED, SessionStatus.ACTIVE);

    private SessionLifecycle() {
    }

    public static void checkStart(CoachingSession session, Instant now) {
        if (session.status() != SessionStatus.SCHEDULED) {
            throw new SessionRuleViolation("Cannot start session with status: " + session.status().value());
        }
        if (now.isBefore(session.startTime())) {
            throw new SessionRuleViolation("Session start time has not been reached");
        }
        if (!now.isBefore(session.endTime())) {
            throw new SessionRuleViolation("Session end time has passed; cancel it to release the reserved hours");
        }
    }

    public static void checkEnd(CoachingSession session) {
        if (session.status() != SessionStatus.ACTIVE) {
            throw new SessionRuleViolation("Cannot end session with status: " + session.status().value());
        }
    }

    public static void checkCancel(CoachingSession session) {
        if (!CANCELLABLE.contains(session.status())) {
            throw new SessionRuleViolation(switch (session.status()) {
                case ENDED -> "Cannot cancel an ended session";
                case CANCELLED -> "Session is already cancelled";
                default -> "Cannot cancel a " + session.status().value() + " session";
            });
        }
    }

    public static void checkInvite(CoachingSession session) {
        if (!INVITABLE.contains(session.status())) {
            throw new SessionRuleViolation((session.status() == SessionStatus.ENDED
                    ? "Cannot invite students to an ended session"
                    : "Cannot invite students to a " + session.status().value() + " session"));
        }
    }

    /** Join tokens are handed out for sessions that are about to run or running. */
    public static void checkJoin(CoachingSession session) {
        if (!JOINABLE.contains(session.status())) {
            throw new SessionRuleViolation("Cannot join session with status: " + session.status().value());
        }
    }
}
