package io.coachwork.session.stream;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Join tokens: seed 000's camelCase shape and a Stream call token verifiable with the API secret,
 * scoped to the session's call and the caller's role in it.
 */
class JoinTokenTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2033-05-10T08:00:00Z");

    @Test
    void theHostGetsAnHourLongStreamTokenSignedWithTheApiSecret() throws Exception {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, NOW.plusSeconds(3600), 60);
        String callId = json(tutorGet(tutor, "/" + id)).at("/data/stream_call_id").asString();

        byte[] raw = tutorPost(tutor, "/" + id + "/token").expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(raw, StandardCharsets.UTF_8)).startsWith("{\"success\":true,\"data\":{\"apiKey\":");
        JsonNode data = json(tutorPost(tutor, "/" + id + "/token")).get("data");
        assertThat(data.get("apiKey").asString()).isEqualTo(STREAM_KEY);
        assertThat(data.get("streamCallId").asString()).isEqualTo(callId);
        assertThat(data.get("userId").asString()).isEqualTo(Long.toString(tutor));
        assertThat(data.get("role").asString()).isEqualTo("host");

        SignedJWT jwt = SignedJWT.parse(data.get("token").asString());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.verify(new MACVerifier(STREAM_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getClaim("user_id")).isEqualTo(Long.toString(tutor));
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("call_cids")).containsExactly("default:" + callId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("host");
        Instant issued = jwt.getJWTClaimsSet().getIssueTime().toInstant();
        assertThat(issued).isEqualTo(NOW);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(issued.plusSeconds(3600));

        WalletStandIn.answerNextRelease(tutor, id, 60);
        cancel(tutor, id).expectStatus().isOk();
        tutorPost(tutor, "/" + id + "/token").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot join session with status: cancelled");
    }
}
