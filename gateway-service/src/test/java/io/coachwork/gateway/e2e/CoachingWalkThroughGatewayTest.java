package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestJwt;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 000's coaching walk through the gateway against the real services: top up by card, buy
 * hours, run a session with three students (one watching over WebSocket), see the hours settled,
 * and an expert tutor coach without buying hours. The books reconcile afterwards.
 */
class CoachingWalkThroughGatewayTest extends EndToEndTest {

    private static final String SESSIONS = "/api/marketplace/tutor/coaching/sessions";

    private static String createSession(Instant start, List<Long> students) {
        return """
                {"title": "JavaScript Fundamentals Review", "description": "Review of core JavaScript concepts",
                 "start_time": "%s", "end_time": "%s", "student_ids": %s}
                """.formatted(start, start.plus(Duration.ofHours(1)), students);
    }

    @Test
    void topUpBuyHoursRunASessionAndGetTheUnusedHoursBack() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        long student = newStudent();
        String studentToken = TestJwt.student(student);

        topUpByCard(token, "500");
        gateway.get().uri("/api/marketplace/tutor/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.balance").isEqualTo(500.0);

        gateway.post().uri("/api/marketplace/tutor/coaching/purchase-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"hours\": 5.5}")
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Coaching hours purchased successfully")
                .jsonPath("$.data.hours_purchased").isEqualTo(5.5)
                .jsonPath("$.data.price_per_hour").isEqualTo(10.0)
                .jsonPath("$.data.total_amount").isEqualTo(55.0)
                .jsonPath("$.data.new_hours_balance").isEqualTo(5.5)
                .jsonPath("$.data.new_wallet_balance").isEqualTo(445.0)
                .jsonPath("$.data.currency").isEqualTo("NGN");

        // The student watches their notifications through the gateway's WebSocket route.
        List<String> pushed = new CopyOnWriteArrayList<>();
        Disposable socket = new ReactorNettyWebSocketClient().execute(
                URI.create("ws://localhost:" + gatewayPort + "/ws/notifications?access_token=" + studentToken),
                ws -> ws.receive().doOnNext(m -> pushed.add(m.getPayloadAsText())).then()).subscribe();
        try {
            await().atMost(patience()).until(() -> pushed.stream().anyMatch(m -> m.contains("connection:ready")));

            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JsonNode created = data(gateway.post().uri(SESSIONS).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(createSession(start, List.of(student, newStudent(), newStudent())))
                    .exchange().expectStatus().isCreated());
            assertThat(created.get("status").asString()).isEqualTo("scheduled");
            assertThat(created.get("hours_reserved").asDouble()).isEqualTo(1.0);
            assertThat(created.get("duration_minutes").asInt()).isEqualTo(60);
            assertThat(created.get("student_count").asInt()).isEqualTo(3);
            assertThat(created.get("stream_call_id").asString()).startsWith("coaching_" + created.get("id").asLong() + "_");
            long id = created.get("id").asLong();

            gateway.get().uri("/api/marketplace/tutor/coaching/hours-balance").headers(h -> h.setBearerAuth(token))
                    .exchange().expectBody().jsonPath("$.data.hours_balance").isEqualTo(4.5);

            gateway.post().uri(SESSIONS + "/" + id + "/start").headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.message").isEqualTo("Session started successfully")
                    .jsonPath("$.data.status").isEqualTo("active");
            await().atMost(patience()).until(() -> pushed.stream().anyMatch(m -> m.contains("\"session:started\"")));

            gateway.post().uri(SESSIONS + "/" + id + "/token").headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.role").isEqualTo("host").jsonPath("$.data.userId").isEqualTo(Long.toString(tutor));

            JsonNode ended = data(gateway.post().uri(SESSIONS + "/" + id + "/end").headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk());
            assertThat(ended.get("status").asString()).isEqualTo("ended");
            assertThat(ended.get("hours_reserved").asDouble()).isEqualTo(1.0);
            double used = ended.get("hours_used").asDouble();
            assertThat(used).isGreaterThan(0).isLessThan(1.0);

            // What was not used comes back: 5.5 h bought, only the minutes used are gone.
            await().atMost(patience()).until(() -> data(gateway.get().uri("/api/marketplace/tutor/coaching/hours-balance")
                    .headers(h -> h.setBearerAuth(token)).exchange()).get("hours_balance").asDouble() > 5.0);
            JsonNode balance = data(gateway.get().uri("/api/marketplace/tutor/coaching/hours-balance")
                    .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk());
            assertThat(balance.get("hours_balance").asDouble()).isEqualTo(5.5 - used, org.assertj.core.data.Offset.offset(0.011));
            assertThat(balance.get("total_purchased").asDouble()).isEqualTo(5.5);
            await().atMost(patience()).until(() -> pushed.stream().anyMatch(m -> m.contains("\"session:ended\"")));
        } finally {
            socket.dispose();
        }

        gateway.get().uri("/api/marketplace/tutor/coaching/purchase-history").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.purchases[0].hours_purchased").isEqualTo(5.5)
                .jsonPath("$.data.purchases[0].total_amount").isEqualTo(55.0)
                .jsonPath("$.data.purchases[0].status").isEqualTo("completed")
                .jsonPath("$.data.pagination.total").isEqualTo(1);
        assertBooksReconcile();
    }

    @Test
    void anExpertTutorCoachesWithoutBuyingHours() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        adjustWallet(tutor, "400000");
        gateway.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"expert\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.unlimited_coaching").isEqualTo(true);

        // wallet-service learns about the tier from subscription-service's event.
        await().atMost(patience()).until(() -> data(gateway.get().uri("/api/marketplace/tutor/coaching/hours-balance")
                .headers(h -> h.setBearerAuth(token)).exchange()).get("unlimited").asBoolean());
        gateway.post().uri("/api/marketplace/tutor/coaching/purchase-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"hours\": 2}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("You have unlimited coaching hours. No purchase needed.");

        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        gateway.post().uri(SESSIONS).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(createSession(start, List.of(newStudent())))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.data.status").isEqualTo("scheduled");
        assertBooksReconcile();
    }

    @Test
    void withoutHoursASessionIsRefusedWithSeed000sMessage() {
        String token = TestJwt.tutor(newUser());
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        gateway.post().uri(SESSIONS).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(createSession(start, List.of(newStudent())))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message")
                .isEqualTo("Insufficient coaching hours. Required: 1.0, Available: 0.0. Please purchase more hours.");
    }
}
