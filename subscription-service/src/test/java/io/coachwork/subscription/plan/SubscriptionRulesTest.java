package io.coachwork.subscription.plan;

import io.coachwork.subscription.support.TierBuilder;
import io.coachwork.subscription.tier.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionRulesTest {

    private static final Instant NOW = Instant.parse("2024-01-15T00:00:00Z");
    private static final Map<ResourceKind, Long> NOTHING_USED = Map.of();

    private static TutorSubscription on(String tier, Instant start, Instant end, boolean autoRenew) {
        return new TutorSubscription(1L, 5, "sole_tutor", tier, "active", start, end, autoRenew, null);
    }

    @Test
    void aFirstPaidSubscriptionRunsThirtyDaysAndRenewsAutomatically() {
        PlanChange change = SubscriptionRules.subscribe(null, 5, "sole_tutor", TierBuilder.professional().build(),
                null, NOTHING_USED, NOW);

        assertThat(change.kind()).isEqualTo(PlanChange.Kind.ACTIVATED);
        assertThat(change.next().tierCode()).isEqualTo("professional");
        assertThat(change.next().startDate()).isEqualTo(NOW);
        assertThat(change.next().endDate()).isEqualTo(Instant.parse("2024-02-14T00:00:00Z"));
        assertThat(change.next().autoRenew()).isTrue();
        assertThat(change.next().status()).isEqualTo("active");
        assertThat(change.previousTier()).isNull();
    }

    @Test
    void theFreeTierHasNoEndDate() {
        PlanChange change = SubscriptionRules.subscribe(on("basic", NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(27)), true),
                5, null, TierBuilder.free().build(), null, NOTHING_USED, NOW);

        assertThat(change.kind()).isEqualTo(PlanChange.Kind.CHANGED);
        assertThat(change.next().endDate()).isNull();
        assertThat(change.next().autoRenew()).isFalse();
        assertThat(change.previousTier()).isEqualTo("basic");
    }

    @Test
    void upgradingFromFreeActivatesAndChangingBetweenPaidTiersIsAChange() {
        TutorSubscription free = on("free", NOW.minus(Duration.ofDays(40)), null, false);
        assertThat(SubscriptionRules.subscribe(free, 5, null, TierBuilder.basic().build(), null, NOTHING_USED, NOW).kind())
                .isEqualTo(PlanChange.Kind.ACTIVATED);
        TutorSubscription basic = on("basic", NOW, NOW.plus(Duration.ofDays(30)), true);
        assertThat(SubscriptionRules.subscribe(basic, 5, null, TierBuilder.expert().build(), null, NOTHING_USED, NOW).kind())
                .isEqualTo(PlanChange.Kind.CHANGED);
    }

    @Test
    void aDowngradeThatLeavesUsageAboveTheNewLimitIsRefusedWithWhatToRemove() {
        TutorSubscription professional = on("professional", NOW, NOW.plus(Duration.ofDays(30)), true);
        Map<ResourceKind, Long> used = Map.of(ResourceKind.COURSES, 10L, ResourceKind.DIGITAL_DOWNLOADS, 3L);

        assertThatThrownBy(() -> SubscriptionRules.subscribe(professional, 5, null, TierBuilder.basic().build(), null, used, NOW))
                .isInstanceOf(PlanRefused.class)
                .hasMessage("Cannot change to the Basic tier: you have 10 courses (Basic allows 5) and "
                        + "3 digital downloads (Basic allows 0). Remove the extra items first, then change tier.");
    }

    @Test
    void aDowngradeWithinTheNewLimitsIsAllowedAndUnlimitedLimitsNeverRefuse() {
        TutorSubscription professional = on("professional", NOW, NOW.plus(Duration.ofDays(30)), true);
        assertThat(SubscriptionRules.subscribe(professional, 5, null, TierBuilder.basic().build(), null,
                Map.of(ResourceKind.COURSES, 5L), NOW).next().tierCode()).isEqualTo("basic");
        assertThat(SubscriptionRules.subscribe(professional, 5, null, TierBuilder.grandMaster().build(), null,
                Map.of(ResourceKind.COURSES, 5_000L), NOW).next().tierCode()).isEqualTo("grand_master");
    }

    @Test
    void choosingTheSameTierChangesNothingButTheAutoRenewChoice() {
        TutorSubscription professional = on("professional", NOW, NOW.plus(Duration.ofDays(30)), true);
        PlanChange same = SubscriptionRules.subscribe(professional, 5, null, TierBuilder.professional().build(), null,
                NOTHING_USED, NOW.plus(Duration.ofDays(10)));
        assertThat(same.kind()).isEqualTo(PlanChange.Kind.UNCHANGED);
        assertThat(same.next()).isEqualTo(professional);

        PlanChange stopRenewing = SubscriptionRules.subscribe(professional, 5, null, TierBuilder.professional().build(),
                false, NOTHING_USED, NOW.plus(Duration.ofDays(10)));
        assertThat(stopRenewing.kind()).isEqualTo(PlanChange.Kind.CHANGED);
        assertThat(stopRenewing.next().autoRenew()).isFalse();
        assertThat(stopRenewing.next().endDate()).isEqualTo(professional.endDate());
    }

    @Test
    void onlyChangesThatStartAPaidPeriodAreCharged() {
        PlanChange toPaid = SubscriptionRules.subscribe(null, 5, null, TierBuilder.basic().build(), null, NOTHING_USED, NOW);
        assertThat(SubscriptionRules.startsPaidPeriod(toPaid)).isTrue();
        TutorSubscription basic = on("basic", NOW, NOW.plus(Duration.ofDays(30)), true);
        assertThat(SubscriptionRules.startsPaidPeriod(SubscriptionRules.subscribe(basic, 5, null,
                TierBuilder.expert().build(), null, NOTHING_USED, NOW))).isTrue();
        assertThat(SubscriptionRules.startsPaidPeriod(SubscriptionRules.subscribe(basic, 5, null,
                TierBuilder.free().build(), null, NOTHING_USED, NOW))).isFalse();
        assertThat(SubscriptionRules.startsPaidPeriod(SubscriptionRules.subscribe(basic, 5, null,
                TierBuilder.basic().build(), false, NOTHING_USED, NOW))).isFalse();
    }

    @Test
    void aPastDueTutorChoosingTheirTierAgainStartsAChargedPeriod() {
        TutorSubscription pastDue = SubscriptionRules.pastDue(on("basic", NOW, NOW.plus(Duration.ofDays(30)), true),
                NOW.plus(Duration.ofDays(31))).next();
        PlanChange again = SubscriptionRules.subscribe(pastDue, 5, null, TierBuilder.basic().build(), null, NOTHING_USED,
                NOW.plus(Duration.ofDays(32)));
        assertThat(again.kind()).isEqualTo(PlanChange.Kind.ACTIVATED);
        assertThat(SubscriptionRules.startsPaidPeriod(again)).isTrue();
        assertThat(again.next().pastDueSince()).isNull();
    }

    @Test
    void theRenewalActionDependsOnTheEndAutoRenewPriceAndGrace() {
        Instant end = NOW.plus(Duration.ofDays(30));
        Duration grace = Duration.ofDays(3);
        TutorSubscription basic = on("basic", NOW, end, true);
        assertThat(SubscriptionRules.renewal(basic, TierBuilder.basic().build(), 5_850_000, grace, end.minusSeconds(1)))
                .isEqualTo(SubscriptionRules.RenewalAction.NOT_DUE);
        assertThat(SubscriptionRules.renewal(basic, TierBuilder.basic().build(), 5_850_000, grace, end))
                .isEqualTo(SubscriptionRules.RenewalAction.CHARGE);
        assertThat(SubscriptionRules.renewal(basic, TierBuilder.basic().build(), 0, grace, end))
                .isEqualTo(SubscriptionRules.RenewalAction.RENEW);
        assertThat(SubscriptionRules.renewal(on("basic", NOW, end, false), TierBuilder.basic().build(), 5_850_000, grace, end))
                .isEqualTo(SubscriptionRules.RenewalAction.EXPIRE);
        assertThat(SubscriptionRules.renewal(basic, TierBuilder.basic().withdrawn().build(), 5_850_000, grace, end))
                .isEqualTo(SubscriptionRules.RenewalAction.EXPIRE);

        TutorSubscription pastDue = SubscriptionRules.pastDue(basic, end).next();
        assertThat(pastDue.status()).isEqualTo("past_due");
        assertThat(pastDue.pastDueSince()).isEqualTo(end);
        assertThat(SubscriptionRules.pastDue(pastDue, end.plus(Duration.ofDays(1))).next().pastDueSince()).isEqualTo(end);
        assertThat(SubscriptionRules.renewal(pastDue, TierBuilder.basic().build(), 5_850_000, grace, end.plus(Duration.ofDays(2))))
                .isEqualTo(SubscriptionRules.RenewalAction.CHARGE);
        assertThat(SubscriptionRules.renewal(pastDue, TierBuilder.basic().build(), 5_850_000, grace, end.plus(grace)))
                .isEqualTo(SubscriptionRules.RenewalAction.EXPIRE);
    }

    @Test
    void aRenewedPeriodStartsAtTheOldEndAndCatchesUpMissedPeriods() {
        Instant end = NOW.plus(Duration.ofDays(30));
        TutorSubscription basic = on("basic", NOW, end, true);

        PlanChange renewed = SubscriptionRules.renewed(basic, TierBuilder.basic().build(), end.plus(Duration.ofHours(1)));
        assertThat(renewed.kind()).isEqualTo(PlanChange.Kind.RENEWED);
        assertThat(renewed.next().startDate()).isEqualTo(end);
        assertThat(renewed.next().endDate()).isEqualTo(end.plus(Duration.ofDays(30)));

        PlanChange caughtUp = SubscriptionRules.renewed(basic, TierBuilder.basic().build(), end.plus(Duration.ofDays(65)));
        assertThat(caughtUp.next().startDate()).isEqualTo(end.plus(Duration.ofDays(60)));
        assertThat(caughtUp.next().endDate()).isEqualTo(end.plus(Duration.ofDays(90)));
    }

    /** Issue 7 item 3: a renewal answered after the switch to free dereferenced the free plan's null end date. */
    @Test
    void aRenewalPaidAfterTheSwitchToFreeGivesThePaidPeriodFromNow() {
        TutorSubscription free = on("free", NOW, null, false);

        PlanChange renewed = SubscriptionRules.renewed(free, TierBuilder.basic().build(), NOW.plus(Duration.ofHours(2)));

        assertThat(renewed.kind()).isEqualTo(PlanChange.Kind.ACTIVATED);
        assertThat(renewed.next().tierCode()).isEqualTo("basic");
        assertThat(renewed.next().startDate()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(renewed.next().endDate()).isEqualTo(NOW.plus(Duration.ofHours(2)).plus(Duration.ofDays(30)));
        assertThat(renewed.previousTier()).isEqualTo("free");
    }

    /** Issue 7 item 3: a refused renewal left a free plan past due. */
    @Test
    void aRenewalRefusedAfterTheTutorLeftTheTierChangesNothing() {
        TutorSubscription free = on("free", NOW, null, false);
        assertThat(SubscriptionRules.renewalRefused(free, "basic", NOW).kind()).isEqualTo(PlanChange.Kind.UNCHANGED);
        assertThat(SubscriptionRules.renewalRefused(free, "basic", NOW).next().status()).isEqualTo("active");

        TutorSubscription basic = on("basic", NOW.minus(Duration.ofDays(30)), NOW, true);
        assertThat(SubscriptionRules.renewalRefused(basic, "basic", NOW).next().status()).isEqualTo("past_due");
        assertThat(SubscriptionRules.renewalRefused(basic, "expert", NOW).kind()).isEqualTo(PlanChange.Kind.UNCHANGED);
    }

    @Test
    void anExpiredSubscriptionReturnsTheTutorToFree() {
        PlanChange expired = SubscriptionRules.expired(on("expert", NOW, NOW.plus(Duration.ofDays(30)), false),
                NOW.plus(Duration.ofDays(30)));
        assertThat(expired.kind()).isEqualTo(PlanChange.Kind.EXPIRED);
        assertThat(expired.next().tierCode()).isEqualTo("free");
        assertThat(expired.next().endDate()).isNull();
        assertThat(expired.next().autoRenew()).isFalse();
        assertThat(expired.previousTier()).isEqualTo("expert");
    }
}
