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
 *   <li>Moving to a paid tier (from free or another paid tier) is charged the new tier's full
 *       price and starts a new period; there is no proration.</li>
 *   <li>A period that ended renews when auto-renew is on and the tier is still offered (charged
 *       again when it has a price); a refused renewal charge leaves the subscription
 *       {@code past_due} and is retried until the grace period ends, then the tutor returns to
 *       the free tier.</li>
 *   <li>No change of plan (not even to free) while a charge is in flight: it waits for the wallet's
 *       answer, so a renewal never lands on a plan the tutor has left.</li>
 * </ul>
 */
public final class SubscriptionRules {

    /** What the renewal job does with one subscription. */
    public enum RenewalAction {
        NOT_DUE, RENEW, CHARGE, EXPIRE
    }

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
                    current.status(), current.startDate(), current.endDate(), renew, null),
                    PlanChange.Kind.CHANGED, currentTier);
        }
        refuseIfOverLimits(target, usage);
        Instant end = target.recurring() ? now.plus(Duration.ofDays(target.billingPeriodDays())) : null;
        String type = current != null ? current.tutorType() : tutorType == null ? TutorSubscription.DEFAULT_TUTOR_TYPE : tutorType;
        TutorSubscription next = new TutorSubscription(current == null ? null : current.id(), tutorId, type,
                target.code(), TutorSubscription.ACTIVE, now, end, renew, null);
        boolean wasPaid = current != null && !Tier.FREE.equals(currentTier);
        boolean lapsed = current != null && !TutorSubscription.ACTIVE.equals(current.status());
        PlanChange.Kind kind = current == null || lapsed || (!wasPaid && target.recurring())
                ? PlanChange.Kind.ACTIVATED : PlanChange.Kind.CHANGED;
        return new PlanChange(next, kind, current == null ? null : currentTier);
    }

    /** Whether a change starts a new paid period, to be charged before it is applied. */
    public static boolean startsPaidPeriod(PlanChange change) {
        return change.next().endDate() != null
                && (change.kind() == PlanChange.Kind.ACTIVATED
                || (change.kind() == PlanChange.Kind.CHANGED && !change.next().tierCode().equals(change.previousTier())));
    }

    public static RenewalAction renewal(TutorSubscription current, Tier tier, long priceMinor, Duration grace,
                                        Instant now) {
        if (current.endDate() == null || current.endDate().isAfter(now)) {
            return RenewalAction.NOT_DUE;
        }
        if (!current.autoRenew() || !tier.active() || !tier.recurring()) {
            return RenewalAction.EXPIRE;
        }
        if (current.pastDueSince() != null && !current.pastDueSince().plus(grace).isAfter(now)) {
            return RenewalAction.EXPIRE;
        }
        return priceMinor == 0 ? RenewalAction.RENEW : RenewalAction.CHARGE;
    }

    /**
     * The next period, counted from the end of the last one (missed periods are skipped, never charged).
     * A renewal paid after the tutor left the tier (on free, no end date) gives the tutor the period they
     * paid for, from now: the money is taken, so the plan it bought stands.
     */
    public static PlanChange renewed(TutorSubscription current, Tier tier, Instant now) {
        Duration period = Duration.ofDays(tier.billingPeriodDays());
        if (current.endDate() == null || !current.tierCode().equals(tier.code())) {
            return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(), tier.code(),
                    TutorSubscription.ACTIVE, now, now.plus(period), true, null), PlanChange.Kind.ACTIVATED,
                    current.tierCode());
        }
        Instant start = current.endDate();
        while (!start.plus(period).isAfter(now)) {
            start = start.plus(period);
        }
        return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(),
                current.tierCode(), TutorSubscription.ACTIVE, start, start.plus(period), true, null),
                PlanChange.Kind.RENEWED, current.tierCode());
    }

    /** Back to the free tier, which never ends. */
    public static PlanChange expired(TutorSubscription current, Instant now) {
        return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(), Tier.FREE,
                TutorSubscription.ACTIVE, now, null, false, null), PlanChange.Kind.EXPIRED, current.tierCode());
    }

    /**
     * A refused renewal charge of {@code chargedTier}: past due, unless the tutor has left that tier
     * meanwhile (a free plan is never past due).
     */
    public static PlanChange renewalRefused(TutorSubscription current, String chargedTier, Instant now) {
        if (current.endDate() == null || !current.tierCode().equals(chargedTier)) {
            return new PlanChange(current, PlanChange.Kind.UNCHANGED, current.tierCode());
        }
        return pastDue(current, now);
    }

    /** A refused renewal charge: past due since the first refusal. */
    public static PlanChange pastDue(TutorSubscription current, Instant now) {
        Instant since = current.pastDueSince() != null ? current.pastDueSince() : now;
        return new PlanChange(new TutorSubscription(current.id(), current.tutorId(), current.tutorType(),
                current.tierCode(), TutorSubscription.PAST_DUE, current.startDate(), current.endDate(),
                current.autoRenew(), since), PlanChange.Kind.PAST_DUE, current.tierCode());
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
