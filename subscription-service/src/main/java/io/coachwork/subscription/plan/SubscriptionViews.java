package io.coachwork.subscription.plan;

import io.coachwork.platform.money.Money;
import io.coachwork.subscription.tier.Percent;
import io.coachwork.subscription.tier.Tier;
import java.math.BigDecimal;
import java.time.Instant;

/** Response bodies of seed 000's subscription endpoints, field for field. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    /** {@code GET /api/marketplace/tutor/subscription}. */
    public record Current(Long id, String subscriptionTier, String tierName, String status, Instant startDate,
                          Instant endDate, boolean autoRenew, Integer coursesLimit, Integer communitiesLimit,
                          Integer digitalDownloadsLimit, Integer membershipsLimit, boolean unlimitedCoaching,
                          BigDecimal commissionRate, String name, BigDecimal price) {

        static Current of(TutorSubscription s, Tier tier, String currency) {
            return new Current(s == null ? null : s.id(), tier.code(), tier.name(),
                    s == null ? TutorSubscription.ACTIVE : s.status(), s == null ? null : s.startDate(),
                    s == null ? null : s.endDate(), s != null && s.autoRenew(), tier.limits().courses(),
                    tier.limits().communities(), tier.limits().digitalDownloads(), tier.limits().memberships(),
                    tier.unlimitedCoaching(), Percent.display(tier.commissionRate()), tier.name(),
                    tier.priceMinor(currency).map(minor -> Money.of(minor, currency).compact()).orElse(null));
        }
    }

    /** {@code POST /api/marketplace/tutor/subscription}. */
    public record Updated(Long id, long tutorId, String tutorType, String subscriptionTier, String status,
                          Instant startDate, Instant endDate, boolean autoRenew, Integer coursesLimit,
                          Integer communitiesLimit, Integer digitalDownloadsLimit, Integer membershipsLimit,
                          boolean unlimitedCoaching, BigDecimal commissionRate) {

        static Updated of(TutorSubscription s, Tier tier) {
            return new Updated(s.id(), s.tutorId(), s.tutorType(), tier.code(), s.status(), s.startDate(), s.endDate(),
                    s.autoRenew(), tier.limits().courses(), tier.limits().communities(),
                    tier.limits().digitalDownloads(), tier.limits().memberships(), tier.unlimitedCoaching(),
                    Percent.display(tier.commissionRate()));
        }
    }

    /** A paid change waiting for the wallet's answer; the outcome also arrives as a subscription event. */
    public record PendingChange(String sagaId, String subscriptionTier, String status) {
    }

    /**
     * {@code GET /api/marketplace/tutor/subscription/changes/{saga_id}}: a paid change (or renewal) as
     * it stands: {@code pending}, {@code completed} or {@code refused} with the wallet's reason.
     */
    public record Change(String sagaId, String kind, String subscriptionTier, String status, String message,
                         Instant requestedAt, Instant updatedAt) {
    }
}
