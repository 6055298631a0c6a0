package io.coachwork.subscription.tier;

/** A tier's resource limits; {@code null} means unlimited. */
public record Limits(Integer courses, Integer communities, Integer digitalDownloads, Integer memberships) {

    public Integer of(ResourceKind kind) {
        return switch (kind) {
            case COURSES -> courses;
            case COMMUNITIES -> communities;
            case DIGITAL_DOWNLOADS -> digitalDownloads;
            case MEMBERSHIPS -> memberships;
        };
    }
}
