package io.coachwork.gateway;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.platform.security.PlatformSecurityAutoConfiguration;
import io.coachwork.platform.test.TestJwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * What a black-box run found at the edge: big bodies answered 503, a refusing service's early close
 * answered 503, path tricks answered an empty 400, and tokens without exp never expired.
 */
class EdgeHardeningTest extends GatewayTestBase {

    private static final int TWO_MB = 2 * 1024 * 1024;

    @Test
    void aTwoMegabyteBodyIs413InTheEnvelope() {
        String body = "{\"title\":\"" + "x".repeat(TWO_MB) + "\"}";
        client.post().uri("/api/marketplace/tutor/coaching/sessions")
                .header(HttpHeaders.AUTHORIZATION, tutor())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Request body is too large (at most 262144 bytes)");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        byte[] chunk = "y".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        Flux<DataBuffer> body = Flux.range(0, 8).map(i -> buffers.wrap(chunk));
        client.post().uri("/api/marketplace/tutor/coaching/sessions")
                .header(HttpHeaders.AUTHORIZATION, tutor())
                .contentType(MediaType.APPLICATION_JSON).body(body, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void aServiceThatRefusesAndClosesEarlyKeepsItsRefusalNeverA503() {
        String body = "{\"title\":\"" + "z".repeat(250 * 1024) + "\"}";
        for (int i = 0; i < 5; i++) {
            client.post().uri("/api/subscription/early-close")
                    .header(HttpHeaders.AUTHORIZATION, tutor())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectBody().jsonPath("$.success").isEqualTo(false);
        }
    }

    @Test
    void pathTricksAre400InTheEnvelope() {
        for (String path : List.of("/api/marketplace/tutor/coaching/sessions/..%2F..%2Fadmin",
                "/api/marketplace/tutor/coaching/sessions/%2e%2e/%2e%2e/admin", "/api/teaching/sessions/..%2F",
                "/api/subscription/tiers%2F1", "/api/subscription//tiers", "/api/subscription/%5Ctiers")) {
            client.get().uri(URI.create("http://localhost:" + port + path))
                    .header(HttpHeaders.AUTHORIZATION, tutor())
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.success").isEqualTo(false)
                    .jsonPath("$.message").isEqualTo(PlatformSecurityAutoConfiguration.REJECTED_MESSAGE);
        }
    }

    @Test
    void theGatewayRefusesTokensWithoutExpOrWithAnOverlongLife() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(Long.toString(newUserId()))
                .claim("roles", List.of("tutor")).issueTime(Date.from(now));
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestJwt.sign(TestJwt.SECRET, claims.build())))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid or expired token");
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestJwt.sign(TestJwt.SECRET,
                        claims.expirationTime(Date.from(now.plus(Duration.ofDays(365)))).build())))
                .exchange()
                .expectStatus().isUnauthorized();
    }
}
