package io.coachwork.session.rooms;

import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordOAuthStateTest {

    private static final Instant NOW = Instant.parse("2036-01-01T12:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(600);

    @Test
    void aSignedStateNamesItsUserUntilItExpires() {
        String state = DiscordOAuthState.sign(42, EXPIRES, "key");

        DiscordOAuthState.State read = DiscordOAuthState.verify(state, "key", NOW).orElseThrow();
        assertThat(read.userId()).isEqualTo(42);
        assertThat(read.expiresAt()).isEqualTo(EXPIRES);
        assertThat(DiscordOAuthState.verify(state, "key", EXPIRES)).isEmpty();
        assertThat(DiscordOAuthState.sign(42, EXPIRES, "key")).isNotEqualTo(state);
    }

    @Test
    void aStateSignedWithAnotherKeyOrChangedAnywhereIsRefused() {
        String state = DiscordOAuthState.sign(42, EXPIRES, "key");
        String[] parts = state.split("\\.");

        assertThat(DiscordOAuthState.verify(state, "other", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify("43." + parts[1] + "." + parts[2] + "." + parts[3], "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify(parts[0] + "." + (EXPIRES.getEpochSecond() + 3600) + "." + parts[2] + "." + parts[3],
                "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify(parts[0] + "." + parts[1] + "." + parts[2], "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify(state + "x", "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify("", "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify(null, "key", NOW)).isEmpty();
        assertThat(DiscordOAuthState.verify("a".repeat(500), "key", NOW)).isEmpty();
    }
}
