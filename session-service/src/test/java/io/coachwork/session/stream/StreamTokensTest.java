package io.coachwork.session.stream;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.coachwork.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stream join tokens: 503 without credentials, otherwise HS256 call tokens scoped to one call and
 * one role, with user_id, iat and exp an hour later.
 */
class StreamTokensTest {

    private static final String SECRET = "stream-secret-for-unit-tests-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2024-01-20T14:05:00.250Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void withoutAKeyAndSecretTokensAreUnavailable() {
        for (StreamProperties unconfigured : new StreamProperties[]{new StreamProperties(null, null, null),
                new StreamProperties("key", "", null), new StreamProperties("", SECRET, null)}) {
            assertThatThrownBy(() -> new StreamTokens(unconfigured, CLOCK).issue("coaching_5_abc", 5, JoinToken.HOST))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                    .hasMessage("Stream.io is not configured");
        }
    }

    @Test
    void aTokenIsSignedWithTheSecretAndValidForOneHour() throws Exception {
        JoinToken token = new StreamTokens(new StreamProperties("the-key", SECRET, null), CLOCK)
                .issue("coaching_5_abc", 42, JoinToken.USER);
        assertThat(token.apiKey()).isEqualTo("the-key");
        assertThat(token.streamCallId()).isEqualTo("coaching_5_abc");
        assertThat(token.userId()).isEqualTo("42");
        assertThat(token.role()).isEqualTo("user");

        SignedJWT jwt = SignedJWT.parse(token.token());
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("user_id")).isEqualTo("42");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("call_cids")).containsExactly("default:coaching_5_abc");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("user");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(Instant.parse("2024-01-20T14:05:00Z"));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(Instant.parse("2024-01-20T15:05:00Z"));
        assertThat(jwt.verify(new MACVerifier("another-secret-of-enough-length-0123456789".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
    }

    @Test
    void theHostsTokenIsScopedToItsCallAsHost() throws Exception {
        StreamTokens tokens = new StreamTokens(new StreamProperties("the-key", SECRET, null), CLOCK);
        SignedJWT host = SignedJWT.parse(tokens.issue("coaching_7_def", 9, JoinToken.HOST).token());
        assertThat(host.getJWTClaimsSet().getStringListClaim("call_cids")).containsExactly("default:coaching_7_def");
        assertThat(host.getJWTClaimsSet().getStringClaim("role")).isEqualTo("host");
        assertThat(host.getJWTClaimsSet().getClaims().keySet())
                .containsExactlyInAnyOrder("user_id", "call_cids", "role", "iat", "exp");
    }

    @Test
    void viewLinksFollowSeed000() {
        assertThat(new StreamProperties(null, null, null).viewLink("coaching_5_abc"))
                .isEqualTo("https://app.stream.io/coaching/session/coaching_5_abc");
        assertThat(new StreamProperties(null, null, "https://video.example.com/watch/").viewLink("coaching_5_abc"))
                .isEqualTo("https://video.example.com/watch/coaching_5_abc");
    }

    @Test
    void aSecretTooShortForHs256IsRefusedAtStartup() {
        assertThatThrownBy(() -> new StreamProperties("key", "short", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coachwork.stream.api-secret must be at least 32 bytes");
    }
}
