package io.coachwork.scheduling.booking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When booking needs a linked Discord account: an explicit setting wins, else the room provider decides. */
class DiscordLinkRequirementTest {

    @Test
    void followsTheRoomProviderUnlessSetExplicitly() {
        assertThat(DiscordLinkRequirement.required("", "discord")).isTrue();
        assertThat(DiscordLinkRequirement.required(null, " Discord ")).isTrue();
        assertThat(DiscordLinkRequirement.required("", "zoom")).isFalse();
        assertThat(DiscordLinkRequirement.required("", "")).isFalse();
        assertThat(DiscordLinkRequirement.required(null, null)).isFalse();
        assertThat(DiscordLinkRequirement.required("false", "discord")).isFalse();
        assertThat(DiscordLinkRequirement.required("TRUE", "")).isTrue();
    }

    @Test
    void anUnreadableSettingStopsTheStart() {
        assertThatThrownBy(() -> DiscordLinkRequirement.required("yes", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coachwork.bookings.require-discord-link");
    }
}
