package io.coachwork.wallet.saga;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldRulesTest {

    @Test
    void unlimitedTutorsHoldNothing() {
        assertThat(HoldRules.minutesToHold(false, 60)).isEqualTo(60);
        assertThat(HoldRules.minutesToHold(true, 60)).isZero();
        assertThatThrownBy(() -> HoldRules.minutesToHold(false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoldRules.minutesToHold(true, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settlingConsumesWhatWasUsedAndReturnsTheRest() {
        assertThat(HoldRules.settle(60, 45)).isEqualTo(new HoldRules.Settlement(45, 15));
        assertThat(HoldRules.settle(60, 60)).isEqualTo(new HoldRules.Settlement(60, 0));
        assertThat(HoldRules.settle(60, 0)).isEqualTo(new HoldRules.Settlement(0, 60));
    }

    @Test
    void settlingNeverConsumesMoreThanWasHeld() {
        assertThat(HoldRules.settle(60, 75)).isEqualTo(new HoldRules.Settlement(60, 0));
        assertThat(HoldRules.settle(0, 30)).isEqualTo(new HoldRules.Settlement(0, 0));
        assertThatThrownBy(() -> HoldRules.settle(60, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBalanceBelowTheThresholdIsLow() {
        assertThat(HoldRules.lowBalance(59, 60)).isTrue();
        assertThat(HoldRules.lowBalance(60, 60)).isFalse();
        assertThat(HoldRules.lowBalance(0, 60)).isTrue();
    }

    /** Issue 7 item 9: the plan at start decides, in both directions. */
    @Test
    void atStartThePlanThenDecidesTheHold() {
        assertThat(HoldRules.confirm(true, 60, false, 60)).isEqualTo(new HoldRules.Confirmation(0, 60, 0, true));
        assertThat(HoldRules.confirm(false, 0, true, 90)).isEqualTo(new HoldRules.Confirmation(90, 0, 90, false));
        assertThat(HoldRules.confirm(false, 60, false, 60)).isEqualTo(new HoldRules.Confirmation(0, 0, 60, false));
        assertThat(HoldRules.confirm(true, 0, true, 60)).isEqualTo(new HoldRules.Confirmation(0, 0, 0, true));
    }
}
