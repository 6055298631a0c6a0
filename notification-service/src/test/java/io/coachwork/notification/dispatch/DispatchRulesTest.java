package io.coachwork.notification.dispatch;

import io.coachwork.notification.delivery.DeliveryStatus;
import io.coachwork.notification.preference.Preference;
import io.coachwork.notification.push.Presence;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchRulesTest {

    private static final Recipient WITH_EMAIL = new Recipient(1, "Ada", "ada@example.com", ZoneId.of("UTC"));
    private static final Recipient WITHOUT_EMAIL = new Recipient(2, "Bo", null, ZoneId.of("UTC"));

    @Test
    void byDefaultEmailIsQueuedAndAConnectedUserIsPushed() {
        DispatchRules.Plan plan = DispatchRules.plan(Preference.DEFAULT, WITH_EMAIL, Presence.CONNECTED);
        assertThat(plan.email()).isEqualTo(new DispatchRules.Decision(DeliveryStatus.PENDING, null));
        assertThat(plan.push()).isEqualTo(new DispatchRules.Decision(DeliveryStatus.SENT, null));
    }

    @Test
    void aUserWithoutAnEmailAddressGetsPushAndInboxOnlyAndTheSkipIsExplained() {
        DispatchRules.Plan plan = DispatchRules.plan(Preference.DEFAULT, WITHOUT_EMAIL, Presence.CONNECTED);
        assertThat(plan.email()).isEqualTo(new DispatchRules.Decision(DeliveryStatus.SKIPPED, DispatchRules.NO_ADDRESS));
        assertThat(plan.push().goesOut()).isTrue();
        assertThat(DispatchRules.plan(Preference.DEFAULT, new Recipient(3, null, "  ", ZoneId.of("UTC")), Presence.OFFLINE)
                .email().reason()).isEqualTo(DispatchRules.NO_ADDRESS);
    }

    @Test
    void preferencesTurnEachChannelOffOnItsOwn() {
        DispatchRules.Plan noEmail = DispatchRules.plan(new Preference(false, true), WITH_EMAIL, Presence.CONNECTED);
        assertThat(noEmail.email().reason()).isEqualTo(DispatchRules.EMAIL_OFF);
        assertThat(noEmail.push().goesOut()).isTrue();
        DispatchRules.Plan noPush = DispatchRules.plan(new Preference(true, false), WITH_EMAIL, Presence.CONNECTED);
        assertThat(noPush.email().goesOut()).isTrue();
        assertThat(noPush.push().reason()).isEqualTo(DispatchRules.PUSH_OFF);
    }

    @Test
    void anOfflineUserIsNotPushedAndFindsItInTheInbox() {
        DispatchRules.Plan plan = DispatchRules.plan(Preference.DEFAULT, WITH_EMAIL, Presence.OFFLINE);
        assertThat(plan.push()).isEqualTo(new DispatchRules.Decision(DeliveryStatus.SKIPPED, DispatchRules.NOT_CONNECTED));
        assertThat(plan.email().goesOut()).isTrue();
    }

    @Test
    void whenTheOtherInstancesCannotBeAskedTheSkipSaysSo() {
        DispatchRules.Plan plan = DispatchRules.plan(Preference.DEFAULT, WITH_EMAIL, Presence.NOT_HERE);
        assertThat(plan.push()).isEqualTo(new DispatchRules.Decision(DeliveryStatus.SKIPPED, DispatchRules.NOT_CONNECTED_HERE));
        assertThat(DispatchRules.plan(new Preference(true, false), WITH_EMAIL, Presence.CONNECTED).push().reason())
                .isEqualTo(DispatchRules.PUSH_OFF);
    }
}
