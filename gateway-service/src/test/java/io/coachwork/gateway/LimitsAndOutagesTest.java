package io.coachwork.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.gateway.support.Downstreams;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestJwt;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The second (and last) gateway context: a tiny bucket (1/s, burst 2), notification-service down
 * (its route points at a closed port), a 1 s response timeout, and anonymous callers keyed by the
 * address the (trusted) proxy in front reports in X-Forwarded-For.
 */
@ServiceTest
@TestPropertySource(properties = {
        "coachwork.rate-limit.replenish-rate=1",
        "coachwork.rate-limit.burst-capacity=2",
        "coachwork.rate-limit.trusted-proxies=1",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
class LimitsAndOutagesTest {

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        Downstreams.register(registry);
        int closed = Downstreams.closedPort();
        registry.add("coachwork.routes.notification", () -> "http://127.0.0.1:" + closed);
    }

    private static String newCaller() {
        return "Bearer " + TestJwt.student(ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L));
    }

    @Test
    void refusesWith429OnceTheBurstIsUsedUp() {
        String caller = newCaller();
        EntityExchangeResult<byte[]> refused = null;
        int allowed = 0;
        // Burst 2 at 1/s: at most one more token can arrive while these run (a second boundary).
        for (int i = 0; i < 6 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = client.get().uri("/api/subscription/tiers")
                    .header(HttpHeaders.AUTHORIZATION, caller)
                    .exchange()
                    .expectBody().returnResult();
            if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                refused = result;
            } else {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
                allowed++;
            }
        }
        assertThat(refused).as("a request beyond the burst is refused").isNotNull();
        assertThat(allowed).isBetween(2, 4);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("2");
        assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
        assertThat(headers.getFirst("X-Correlation-Id")).isNotBlank();
        assertThat(new String(refused.getResponseBody())).isEqualTo(
                "{\"success\":false,\"message\":\"Too many requests. Limit: 1 requests per second (bursts of up to 2);"
                        + " retry after 1 second.\"}");

        // Another caller has a bucket of their own.
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, newCaller())
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void anonymousWebhookCallsAreLimitedByClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpStatus status = (HttpStatus) client.post().uri("/api/webhooks/stripe")
                    .header("X-Forwarded-For", address)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectBody().returnResult().getStatus();
            if (status == HttpStatus.TOO_MANY_REQUESTS) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
        client.post().uri("/api/webhooks/stripe")
                .header("X-Forwarded-For", "203.0.113." + random.nextInt(1, 255))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void serviceDownIs503InTheEnvelope() {
        client.get().uri("/api/notifications/unread")
                .header(HttpHeaders.AUTHORIZATION, newCaller())
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .json("{\"success\":false,\"message\":\"notification-service is unavailable. Please retry shortly.\"}",
                        org.springframework.test.json.JsonCompareMode.STRICT);
        client.get().uri("/v3/api-docs/notification")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void slowServiceIs504InTheEnvelope() {
        client.get().uri("/api/subscription/slow")
                .header(HttpHeaders.AUTHORIZATION, newCaller())
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("subscription-service did not respond in time. Please retry shortly.");
    }
}
