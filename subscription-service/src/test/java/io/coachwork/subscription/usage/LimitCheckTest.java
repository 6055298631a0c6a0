package io.coachwork.subscription.usage;

import io.coachwork.subscription.support.TierBuilder;
import io.coachwork.subscription.tier.ResourceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitCheckTest {

    @Test
    void allowsUpToTheLimitAndExplainsTheRefusal() {
        assertThat(LimitCheck.evaluate(TierBuilder.professional().build(), ResourceKind.COURSES, 24, 1).allowed()).isTrue();
        LimitCheck full = LimitCheck.evaluate(TierBuilder.professional().build(), ResourceKind.COURSES, 25, 1);
        assertThat(full.allowed()).isFalse();
        assertThat(full.remaining()).isZero();
        assertThat(full.message()).isEqualTo("You have reached the Professional plan limit of 25 courses. "
                + "Upgrade your subscription to add more.");
    }

    @Test
    void aZeroLimitSaysThePlanDoesNotIncludeIt() {
        LimitCheck check = LimitCheck.evaluate(TierBuilder.free().build(), ResourceKind.MEMBERSHIPS, 0, 1);
        assertThat(check.allowed()).isFalse();
        assertThat(check.message()).isEqualTo("Your Free plan does not include memberships. Upgrade your subscription to add them.");
    }

    @Test
    void unlimitedAlwaysAllowsAndHasNoRemaining() {
        LimitCheck check = LimitCheck.evaluate(TierBuilder.grandMaster().build(), ResourceKind.COURSES, 10_000, 50);
        assertThat(check.allowed()).isTrue();
        assertThat(check.unlimited()).isTrue();
        assertThat(check.limit()).isNull();
        assertThat(check.remaining()).isNull();
    }

    @Test
    void remainingNeverGoesNegativeWhenALimitWasLowered() {
        assertThat(LimitsView.ResourceLimit.of(5, 8).remaining()).isZero();
        assertThat(LimitsView.ResourceLimit.of(null, 8)).isEqualTo(new LimitsView.ResourceLimit(null, 8, null, true));
    }
}
