package io.coachwork.session.coaching;

/** A request the session rules refuse; the message is shown to the caller as is, {@code field} names the input at fault. */
public class SessionRuleViolation extends RuntimeException {

    private final String field;

    public SessionRuleViolation(String message) {
        this(null, message);
    }

    public SessionRuleViolation(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
