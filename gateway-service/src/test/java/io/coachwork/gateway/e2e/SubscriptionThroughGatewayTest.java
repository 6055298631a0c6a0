package io.coachwork.gateway.e2e;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's subscription endpoints through the gateway, a paid tier charged to the real wallet. */
class SubscriptionThroughGatewayTest extends EndToEndTest {

    @Test
    void aTutorSeesTheFreeTierSubscribesToProfessionalAndSeesItsLimits() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);

        gateway.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.data.subscription_tier").isEqualTo("free");

        adjustWallet(tutor, "150000");
        JsonNode data = data(gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"professional\"}")
                .exchange().expectStatus().isOk()
                .expectHeader().exists("X-Correlation-Id"));
        for (String field : new String[]{"id", "tutor_id", "tutor_type", "subscription_tier", "status", "start_date",
                "end_date", "auto_renew", "courses_limit", "communities_limit", "digital_downloads_limit",
                "memberships_limit", "unlimited_coaching", "commission_rate"}) {
            assertThat(data.has(field)).as(field).isTrue();
        }
        assertThat(data.get("tutor_id").asLong()).isEqualTo(tutor);
        assertThat(data.get("subscription_tier").asString()).isEqualTo("professional");
        assertThat(data.get("courses_limit").asInt()).isEqualTo(25);
        Instant start = Instant.parse(data.get("start_date").asString());
        Instant end = Instant.parse(data.get("end_date").asString());
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(30));
        assertThat(data.get("end_date").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        gateway.get().uri("/api/marketplace/tutor/subscription/limits").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.courses.limit").isEqualTo(25)
                .jsonPath("$.data.coaching.unlimited").isEqualTo(false);
        gateway.get().uri("/api/marketplace/tutor/wallet").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.balance").isEqualTo(1500.0);

        var event = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> r.key().equals(Long.toString(tutor)),
                patience()).orElseThrow();
        JsonNode cloudEvent = TestEvents.json().readTree(event.value());
        assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.get("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_ACTIVATED);
        assertThat(cloudEvent.get("data").get("tier").asString()).isEqualTo("professional");
    }

    @Test
    void aPaidTierIsRefusedWhenTheWalletCannotPay() {
        long tutor = newUser();
        gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"basic\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo(
                        "Insufficient wallet balance to subscribe to the Basic tier. Required: 58500.0 NGN, Available: 0.0 NGN");
    }

    @Test
    void theGatewayAndTheServiceRefuseWhatIsNotAllowed() {
        gateway.get().uri("/api/marketplace/tutor/subscription").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        gateway.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.student(newUser())))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(newUser())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"platinum\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message")
                .isEqualTo("Invalid subscription tier. Valid tiers: free, basic, professional, expert, grand_master");
    }

    @Test
    void everyServicesOpenApiIsServedByTheGatewayWithoutAToken() {
        gateway.get().uri("/v3/api-docs/subscription").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/marketplace/tutor/subscription']").exists();
        gateway.get().uri("/v3/api-docs/wallet").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/marketplace/tutor/coaching/purchase-hours']").exists();
        gateway.get().uri("/v3/api-docs/session").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/marketplace/tutor/coaching/sessions']").exists();
        gateway.get().uri("/v3/api-docs/notification").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/notifications']").exists();
        gateway.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
