package io.coachwork.subscription.roles;

/** Why a grant or revocation is refused; {@code field} names the request field at fault, if any. */
public class RoleChangeRefused extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, CONFLICT }

    private final Kind kind;
    private final String field;

    RoleChangeRefused(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
