package io.coachwork.scheduling.support;

/**
 * A value a domain rule refuses; {@code field} is the JSON field at fault. Domain code throws it
 * without knowing about HTTP; the web layer turns it into a 400 naming the field.
 */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
