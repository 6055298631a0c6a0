package io.coachwork.gateway.e2e;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.ServiceProcess;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the real gateway in front of the real subscription-service (its runnable jar in a
 * child JVM on real PostgreSQL and Kafka), called with JWTs the way a client calls it.
 */
@ServiceTest
class SubscriptionThroughGatewayTest {

    private static ServiceProcess subscription;

    @Autowired
    WebTestClient gateway;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        if (subscription == null) {
            subscription = ServiceProcess.start("subscription-service", Map.of());
        }
        registry.add("coachwork.routes.subscription", subscription::baseUrl);
    }

    private static long newTutor() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L);
    }

    @Test
    void aTutorSeesTheFreeTierSubscribesToProfessionalAndSeesItsLimits() {
        long tutor = newTutor();
        String token = TestJwt.tutor(tutor);

        gateway.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.data.subscription_tier").isEqualTo("free");

        byte[] body = gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"professional\"}")
                .exchange().expectStatus().isOk()
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.message").isEqualTo("Subscription updated successfully")
                .jsonPath("$.data.tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.subscription_tier").isEqualTo("professional")
                .jsonPath("$.data.status").isEqualTo("active")
                .jsonPath("$.data.courses_limit").isEqualTo(25)
                .jsonPath("$.data.commission_rate").isEqualTo(10.0)
                .returnResult().getResponseBody();
        JsonNode data = TestEvents.json().readTree(body).get("data");
        for (String field : new String[]{"id", "tutor_id", "tutor_type", "subscription_tier", "status", "start_date",
                "end_date", "auto_renew", "courses_limit", "communities_limit", "digital_downloads_limit",
                "memberships_limit", "unlimited_coaching", "commission_rate"}) {
            assertThat(data.has(field)).as(field).isTrue();
        }
        Instant start = Instant.parse(data.get("start_date").asString());
        Instant end = Instant.parse(data.get("end_date").asString());
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(30));
        assertThat(data.get("end_date").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        gateway.get().uri("/api/marketplace/tutor/subscription/limits").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.courses.limit").isEqualTo(25)
                .jsonPath("$.data.courses.remaining").isEqualTo(25)
                .jsonPath("$.data.coaching.unlimited").isEqualTo(false);

        var event = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> r.key().equals(Long.toString(tutor)),
                Duration.ofSeconds(30)).orElseThrow();
        JsonNode cloudEvent = TestEvents.json().readTree(event.value());
        assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.get("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_ACTIVATED);
        assertThat(cloudEvent.get("data").get("tier").asString()).isEqualTo("professional");
    }

    @Test
    void theGatewayAndTheServiceRefuseWhatIsNotAllowed() {
        gateway.get().uri("/api/marketplace/tutor/subscription").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        gateway.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.student(newTutor())))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(newTutor())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"platinum\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message")
                .isEqualTo("Invalid subscription tier. Valid tiers: free, basic, professional, expert, grand_master");
        gateway.get().uri("/v3/api-docs/subscription").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/marketplace/tutor/subscription']").exists();
    }
}
