package io.coachwork.scheduling.availability.domain;

/**
 * A scheduling rule the input breaks. {@code field} is the snake_case API field to name in the error;
 * {@link Kind#INVALID} is bad input (400), {@link Kind#CONFLICT} a valid request the current state refuses
 * (a past or booked slot: 409).
 */
public class AvailabilityRuleViolation extends RuntimeException {

    public enum Kind { INVALID, CONFLICT }

    private final String field;
    private final Kind kind;

    public AvailabilityRuleViolation(String field, String message) {
        this(Kind.INVALID, field, message);
    }

    public AvailabilityRuleViolation(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    static AvailabilityRuleViolation conflict(String field, String message) {
        return new AvailabilityRuleViolation(Kind.CONFLICT, field, message);
    }

    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }
}
