package io.coachwork.gateway;

import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tokens and roles at the edge, answered in the envelope. */
class SecurityTest extends GatewayTestBase {

    @Test
    void apiWithoutTokenIs401() {
        client.get().uri("/api/marketplace/tutor/subscription")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Authentication required: send Authorization: Bearer <token>");
        client.get().uri("/api/notifications/unread").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/teaching/slots").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/teaching/profile").exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/teaching/tutors").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/teaching/discord/link").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void discordsOAuthRedirectReachesSessionServiceWithoutAToken() {
        EntityExchangeResult<byte[]> answer = await().atMost(Duration.ofSeconds(10)).until(
                () -> client.get().uri("/api/teaching/discord/callback?code=c&state=s").exchange().expectBody().returnResult(),
                r -> r.getStatus() != HttpStatus.TOO_MANY_REQUESTS);
        assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(new String(answer.getResponseBody())).contains("\"service\":\"session-service\"");
    }

    @Test
    void theTutorDirectoryAndCalendarFeedsNeedNoToken() {
        for (String path : List.of("/api/teaching/tutors", "/api/teaching/tutors/7", "/api/teaching/calendar/abc.ics")) {
            // Anonymous calls are limited by address, and the other gateway context's tiny bucket shares this
            // client's address in Redis: wait for the bucket to refill rather than fail on a 429.
            EntityExchangeResult<byte[]> answer = await().atMost(Duration.ofSeconds(10)).until(
                    () -> client.get().uri(path).exchange().expectBody().returnResult(),
                    r -> r.getStatus() != HttpStatus.TOO_MANY_REQUESTS);
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(new String(answer.getResponseBody())).contains("\"service\":\"scheduling-service\"");
        }
    }

    @Test
    void teachingAdminRoutesAreForAdmins() {
        for (String caller : List.of(student(), withRoles("tutor"))) {
            client.post().uri("/api/admin/teaching/applications/7/approve")
                    .header(HttpHeaders.AUTHORIZATION, caller)
                    .exchange()
                    .expectStatus().isForbidden();
        }
    }

    @Test
    void badOrExpiredTokenIs401() {
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Invalid or expired token");
        String expired = TestJwt.token(TestJwt.SECRET, newUserId(), "Old", "old@example.com", List.of("tutor"), null,
                Duration.ofHours(-2));
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, bearer(expired))
                .exchange()
                .expectStatus().isUnauthorized();
        String otherSecret = TestJwt.token("some-other-secret-that-is-long-enough-0123456789", newUserId(), "Eve",
                "eve@example.com", List.of("super_admin"), null, Duration.ofHours(1));
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, bearer(otherSecret))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void tutorRoutesAreForTutorsOnly() {
        for (String caller : List.of(student(), withRoles("admin"), withRoles("super_admin"))) {
            client.get().uri("/api/marketplace/tutor/coaching/hours-balance")
                    .header(HttpHeaders.AUTHORIZATION, caller)
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectBody()
                    .jsonPath("$.success").isEqualTo(false)
                    .jsonPath("$.message").isEqualTo("You do not have permission to perform this action");
        }
        client.get().uri("/api/marketplace/tutor/coaching/hours-balance")
                .header(HttpHeaders.AUTHORIZATION, withRoles("student", "tutor"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void adminRoutesAreForAdmins() {
        client.get().uri("/api/admin/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, tutor())
                .exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/admin/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, student())
                .exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/admin/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                .exchange()
                .expectStatus().isOk();
        client.get().uri("/api/admin/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, withRoles("super_admin"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void onlySuperAdminChangesCoachingSettings() {
        String settings = "{\"hourly_rate\":10}";
        client.put().uri("/api/admin/coaching/settings")
                .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        client.put().uri("/api/admin/coaching/settings/")
                .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
                .exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/admin/coaching/settings")
                .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                .exchange()
                .expectStatus().isOk();
        client.put().uri("/api/admin/coaching/settings")
                .header(HttpHeaders.AUTHORIZATION, withRoles("super_admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.service").isEqualTo("session-service")
                .jsonPath("$.data.method").isEqualTo("PUT");
    }

    @Test
    void onlySuperAdminAdjustsWallets() {
        String adjustment = "{\"tutor_id\": 5, \"amount\": 10, \"reason\": \"goodwill\"}";
        for (String path : List.of("/api/admin/wallet/adjustments", "/api/admin/wallet/adjustments/")) {
            client.post().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(adjustment)
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.success").isEqualTo(false);
        }
        client.get().uri("/api/admin/wallet/audit-log")
                .header(HttpHeaders.AUTHORIZATION, withRoles("admin"))
                .exchange()
                .expectStatus().isOk();
        client.post().uri("/api/admin/wallet/adjustments")
                .header(HttpHeaders.AUTHORIZATION, withRoles("super_admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(adjustment)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.service").isEqualTo("wallet-service")
                .jsonPath("$.data.method").isEqualTo("POST");
    }

    @Test
    void healthAndApiDocsAreOpen() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
