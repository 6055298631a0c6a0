package io.coachwork.scheduling.profile;

/** Where a tutor's application stands (seed 003): drafted, awaiting an admin, approved or rejected. */
public enum ProfileStatus {
    DRAFT, PENDING, APPROVED, REJECTED;

    public String value() {
        return name().toLowerCase();
    }

    public static ProfileStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
