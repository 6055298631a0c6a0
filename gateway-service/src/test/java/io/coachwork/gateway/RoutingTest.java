package io.coachwork.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every service is reachable through the gateway at the paths the API contract gives it. */
class RoutingTest extends GatewayTestBase {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET,    /api/marketplace/tutor/subscription,                 tutor,       subscription-service",
            "POST,   /api/marketplace/tutor/subscription,                 tutor,       subscription-service",
            "GET,    /api/marketplace/tutor/subscription/limits,          tutor,       subscription-service",
            "GET,    /api/subscription/tiers,                             student,     subscription-service",
            "GET,    /api/admin/subscription/tiers,                       admin,       subscription-service",
            "GET,    /api/admin/subscription-service/dead-letters,        admin,       subscription-service",
            "GET,    /api/marketplace/tutor/coaching/hours-balance,       tutor,       wallet-service",
            "POST,   /api/marketplace/tutor/coaching/purchase-hours,      tutor,       wallet-service",
            "GET,    /api/marketplace/tutor/coaching/purchase-history,    tutor,       wallet-service",
            "GET,    /api/marketplace/tutor/wallet,                       tutor,       wallet-service",
            "GET,    /api/marketplace/tutor/wallet/earnings,              tutor,       wallet-service",
            "GET,    /api/admin/wallet/ledger,                            admin,       wallet-service",
            "GET,    /api/admin/wallet-service/dead-letters,              super_admin, wallet-service",
            "POST,   /api/marketplace/tutor/coaching/sessions,            tutor,       session-service",
            "GET,    /api/marketplace/tutor/coaching/sessions,            tutor,       session-service",
            "POST,   /api/marketplace/tutor/coaching/sessions/5/start,    tutor,       session-service",
            "DELETE, /api/marketplace/tutor/coaching/sessions/5,          tutor,       session-service",
            "GET,    /api/admin/coaching/settings,                        admin,       session-service",
            "GET,    /api/student/coaching/sessions,                      student,     session-service",
            "POST,   /api/teaching/sessions/5/start,                      tutor,       session-service",
            "GET,    /api/teaching/sessions/5,                            student,     session-service",
            "GET,    /api/admin/session-service/dead-letters,             admin,       session-service",
            "POST,   /api/teaching/sessions/book,                         student,     scheduling-service",
            "GET,    /api/teaching/sessions/my,                           student,     scheduling-service",
            "GET,    /api/teaching/sessions/instructor,                   tutor,       scheduling-service",
            "PATCH,  /api/teaching/sessions/5/cancel,                     student,     scheduling-service",
            "GET,    /api/teaching/bookings/5,                            student,     scheduling-service",
            "POST,   /api/teaching/waitlist,                              student,     scheduling-service",
            "PATCH,  /api/teaching/sessions/5/complete,                   tutor,       session-service",
            "GET,    /api/teaching/sessions/5/messages,                   student,     session-service",
            "GET,    /api/teaching/discord/link,                          student,     session-service",
            "GET,    /api/teaching/slots,                                 student,     scheduling-service",
            "GET,    /api/teaching/slots/12,                              student,     scheduling-service",
            "GET,    /api/teaching/profiles/7,                            student,     scheduling-service",
            "PUT,    /api/teaching/availability/weekly,                   tutor,       scheduling-service",
            "GET,    /api/admin/scheduling/bookings,                      admin,       scheduling-service",
            "GET,    /api/admin/scheduling-service/dead-letters,          admin,       scheduling-service",
            "GET,    /api/teaching/profile,                               tutor,       scheduling-service",
            "PUT,    /api/teaching/profile,                               tutor,       scheduling-service",
            "POST,   /api/teaching/profile/apply,                         tutor,       scheduling-service",
            "GET,    /api/teaching/tutors,                                student,     scheduling-service",
            "GET,    /api/teaching/tutors/7,                              student,     scheduling-service",
            "POST,   /api/teaching/schedules,                             tutor,       scheduling-service",
            "PUT,    /api/teaching/schedules/3/overrides/2031-03-12,      tutor,       scheduling-service",
            "POST,   /api/teaching/holidays,                              tutor,       scheduling-service",
            "POST,   /api/teaching/reviews,                               student,     scheduling-service",
            "GET,    /api/teaching/slots/my,                              tutor,       scheduling-service",
            "GET,    /api/teaching/slots/provider/7,                      student,     scheduling-service",
            "GET,    /api/admin/teaching/applications,                    admin,       scheduling-service",
            "POST,   /api/admin/teaching/applications/7/approve,          admin,       scheduling-service",
            "GET,    /api/notifications/unread,                           student,     notification-service",
            "GET,    /api/admin/notifications/deliveries,                 admin,       notification-service",
            "GET,    /api/admin/notification-service/dead-letters,        admin,       notification-service",
    })
    void routesEachPathToItsService(String method, String path, String role, String service) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(path + "?page=2")
                .header(HttpHeaders.AUTHORIZATION, withRoles(role));
        boolean hasBody = method.equals("POST") || method.equals("PUT");
        (hasBody ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"x\":1}") : request)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.service").isEqualTo(service)
                .jsonPath("$.data.method").isEqualTo(method)
                .jsonPath("$.data.path").isEqualTo(path + "?page=2")
                .jsonPath("$.data.body").isEqualTo(hasBody ? "{\"x\":1}" : "");
    }

    @ParameterizedTest(name = "cron {0} -> {1}")
    @CsvSource({
            "/api/cron/subscription/renewals,   subscription-service",
            "/api/cron/session/time-tracker,    session-service",
            "/api/cron/scheduling/slot-cleanup, scheduling-service",
            "/api/cron/notification/reminders,  notification-service",
    })
    void passesCronCallsWithTheirSecretToTheServiceThatChecksIt(String path, String service) {
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer the-cron-secret")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.service").isEqualTo(service)
                .jsonPath("$.data.path").isEqualTo(path);
    }

    @Test
    void passesBodyAndAuthorizationThroughAndStripsClientIdentityHeaders() {
        String authorization = tutor();
        Map<?, ?> data = client.post().uri("/api/marketplace/tutor/coaching/purchase-hours")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header("Idempotency-Key", "key-123")
                .header("X-User-Id", "1")
                .header("X-User-Roles", "super_admin")
                .header("X-User-Email", "boss@example.com")
                .header("X-User-Name", "Boss")
                .header("X-Tutor-Id", "1")
                .header("X-Authenticated-User", "1")
                .header("X-Forwarded-User", "1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"hours\":2}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> received = (Map<?, ?>) ((Map<?, ?>) data.get("data")).get("headers");
        assertThat(received.get("authorization")).isEqualTo(List.of(authorization));
        assertThat(received.get("idempotency-key")).isEqualTo(List.of("key-123"));
        // The gateway's peer (loopback here) is a trusted proxy, so it says whom it forwarded for.
        assertThat((List<?>) received.get("x-forwarded-for")).singleElement().asString()
                .isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(received.keySet().stream().map(String::valueOf).toList()).doesNotContain("x-user-id", "x-user-roles", "x-user-email", "x-user-name",
                "x-tutor-id", "x-authenticated-user", "x-forwarded-user");
        assertThat(((Map<?, ?>) data.get("data")).get("body")).isEqualTo("{\"hours\":2}");
    }

    @Test
    void stripeWebhookNeedsNoToken() {
        client.post().uri("/api/webhooks/stripe")
                .header("Stripe-Signature", "t=1,v1=abc")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"payment_intent.succeeded\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.service").isEqualTo("wallet-service")
                .jsonPath("$.data.headers['stripe-signature'][0]").isEqualTo("t=1,v1=abc")
                .jsonPath("$.data.body").isEqualTo("{\"type\":\"payment_intent.succeeded\"}");
    }

    @Test
    void unknownApiPathIsNotFoundInTheEnvelope() {
        client.get().uri("/api/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, tutor())
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isNotEmpty();
    }

    @Test
    void aCallersRequestsAreHandedOverToTheSharedBucketInRedis() {
        long user = newUserId();
        String caller = bearer(TestJwt.student(user));
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/subscription/tiers").header(HttpHeaders.AUTHORIZATION, caller)
                    .exchange()
                    .expectStatus().isOk();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Object tokens = redis.opsForHash().get("rate-limit:{api}:user:" + user, "tokens").block(Duration.ofSeconds(5));
            assertThat(tokens).as("the shared bucket").isNotNull();
            assertThat(Double.parseDouble(tokens.toString())).isBetween(37.0, 39.5);
        });
    }

    @Test
    void answersCarryTheRateLimitHeaders() {
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, student())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "40")
                .expectHeader().valueEquals("X-RateLimit-Replenish-Rate", "20")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "39");
    }
}
