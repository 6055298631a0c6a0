package io.coachwork.subscription.plan;

import io.coachwork.subscription.tier.ResourceKind;
import io.coachwork.subscription.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of changing plan, renewing and expiring, free of any framework.
 * <ul>
 *   <li>A recurring tier runs {@code billingPeriodDays} from the change; free has no end date.</li>
 *   <li>A downgrade that would leave usage above the new tier's limit is refused with what to
 *       remove (we refuse rather than defer to period end: the tutor sees at once what to fix,
 *       and nothing is ever silently over its limit).</li>
 *   <li>Choosing the tier one already has changes nothing but the auto-renew choice.</li>
 *   <li>A period that ended renews when auto-renew is on and the tier is still offered,
 *       otherwise the tutor returns to the free tier.</li>
 * </ul>
 */
public final class SubscriptionRules {

    private SubscriptionRules() {
    }

    public static PlanChange subscribe(TutorSubscription current, long tutorId, String tutorType, Tier target,
                                       Boolean autoRenew, Map<ResourceKind, Long> usage, Instant now) {
        String currentTier = current == null ? Tier.FREE : current.tierCode();
        boolean renew = target.recurring() && (autoRenew == null || autoRenew);
        if (current != null && currentTier.equals(target.code()) && TutorSubscription.ACTIVE.equals(current.status())) {
            if (current.autoRenew() == renew) {
                return new PlanChange(current, PlanChange.Kind.UNCHANGED, currentTier);
            }
            return new PlanChange(new TutorSubscription(current.id(), tutorId, current.tutorType(), currentTier,
                    current.status(), current.startDate(), current.endDate(), renew), PlanChange.Kind.CHANGED, currentTier);
        }
        refuseIfOverLimits(target, usage);
        Instant end = target.recurring() ? now.plus(Duration.ofDays(target.billingPeriodDays())) : null;
        String type = current != null ? current.tutorType() : tutorType == null ? TutorSubscription.DEFAULT_TUTOR_TYPE : tutorType;
        TutorSubscription next = new TutorSubscription(current == null ? null : current.id(), tutorId, type,
                target.code(), TutorSubscription.ACTIVE, now, end, renew);
        boolean wasPaid = current != null && !Tier.FREE.equals(currentTier);
        PlanChange.Kind kind = current == null || (!wasPaid && target.recurring())
                ? PlanChange.Kind.ACTIVATED : PlanChange.Kind.CHANGED;
        return new PlanChange(next, kind, current == null ? null : currentTier);
    }

    /** Renews or expires a subscription whose period has ended; {@code UNCHANGED} when it has not. */
    public static PlanChange renewOrExpire(TutorSubscription current, Tier tier, Instant now) {
        if (current.endDate() == null || current.endDate().isAfter(now)) {
            return new PlanChange(current, PlanChange.Kind.UNCHANGED, current.tierCode());
        }
        if (current.autoRenew() && tier.active() && tier.recurring()) {
            Duration period = Duration.ofDays(tier.billingPeriodDays());
            Instant start = current.endDate();
            // A service that was down for longer than a period catches up to the period containing now.
            while (!start.plus(period).isAfter(now)) {
                start = start.plus(period);
            }
            return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(),
                    current.tierCode(), TutorSubscription.ACTIVE, start, start.plus(period), true),
                    PlanChange.Kind.RENEWED, current.tierCode());
        }
        return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(), Tier.FREE,
                TutorSubscription.ACTIVE, now, null, false), PlanChange.Kind.EXPIRED, current.tierCode());
    }

    private static void refuseIfOverLimits(Tier target, Map<ResourceKind, Long> usage) {
        List<String> excess = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            Integer limit = target.limits().of(kind);
            long used = usage.getOrDefault(kind, 0L);
            if (limit != null && used > limit) {
                excess.add(used + " " + kind.label() + " (" + target.name() + " allows " + limit + ")");
            }
        }
        if (!excess.isEmpty()) {
            throw new PlanRefused("Cannot change to the " + target.name() + " tier: you have "
                    + String.join(" and ", excess) + ". Remove the extra items first, then change tier.");
        }
    }
}
