package io.coachwork.subscription.usage;

import io.coachwork.subscription.tier.ResourceKind;
import io.coachwork.subscription.tier.Tier;

/** Whether a tutor may create {@code quantity} more of a resource, and a message to show when not. */
public record LimitCheck(boolean allowed, String resource, String tier, Integer limit, long used, Long remaining,
                         boolean unlimited, String message) {

    public static LimitCheck evaluate(Tier tier, ResourceKind kind, long used, int quantity) {
        Integer limit = tier.limits().of(kind);
        if (limit == null) {
            return new LimitCheck(true, kind.key(), tier.code(), null, used, null, true, null);
        }
        long remaining = Math.max(0, limit - used);
        boolean allowed = used + quantity <= limit;
        String message = allowed ? null : limit == 0
                ? "Your " + tier.name() + " plan does not include " + kind.label() + ". Upgrade your subscription to add them."
                : "You have reached the " + tier.name() + " plan limit of " + limit + " " + kind.label()
                + ". Upgrade your subscription to add more.";
        return new LimitCheck(allowed, kind.key(), tier.code(), limit, used, remaining, false, message);
    }
}
