package io.coachwork.subscription.usage;

/** {@code GET .../subscription/limits}: usage against each limit, and whether coaching is unlimited. */
public record LimitsView(ResourceLimit courses, ResourceLimit digitalDownloads, ResourceLimit communities,
                         ResourceLimit memberships, Coaching coaching) {

    /** {@code limit} and {@code remaining} are null when unlimited. */
    public record ResourceLimit(Integer limit, long used, Long remaining, boolean unlimited) {

        public static ResourceLimit of(Integer limit, long used) {
            return limit == null ? new ResourceLimit(null, used, null, true)
                    : new ResourceLimit(limit, used, Math.max(0, limit - used), false);
        }
    }

    public record Coaching(boolean unlimited) {
    }
}
