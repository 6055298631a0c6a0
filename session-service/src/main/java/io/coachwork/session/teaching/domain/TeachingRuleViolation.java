package io.coachwork.session.teaching.domain;

/** A request the teaching-session rules refuse; the message is shown as is, with the status its kind names. */
public class TeachingRuleViolation extends RuntimeException {

    /** REFUSED: the request is wrong now (400); CONFLICT: the session's state forbids it (409); FORBIDDEN: not for this person or session type (403). */
    public enum Kind { REFUSED, CONFLICT, FORBIDDEN }

    private final Kind kind;

    private TeachingRuleViolation(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static TeachingRuleViolation refused(String message) {
        return new TeachingRuleViolation(Kind.REFUSED, message);
    }

    public static TeachingRuleViolation conflict(String message) {
        return new TeachingRuleViolation(Kind.CONFLICT, message);
    }

    public static TeachingRuleViolation forbidden(String message) {
        return new TeachingRuleViolation(Kind.FORBIDDEN, message);
    }

    public Kind kind() {
        return kind;
    }
}
