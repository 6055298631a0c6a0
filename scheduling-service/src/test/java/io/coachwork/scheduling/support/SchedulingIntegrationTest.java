package io.coachwork.scheduling.support;

import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Base of scheduling-service's integration tests: one shared service on real PostgreSQL and Kafka,
 * the daily cleanup, hold expiry, review requests, saga recovery and Calendly retries off (tests run them on demand with the movable clock). Tests keep apart by ids.
 */
@ServiceTest
@TestPropertySource(properties = {
        "coachwork.jobs.cron-secret=" + SchedulingIntegrationTest.CRON_SECRET,
        "coachwork.scheduling.slot-cleanup-cron=-",
        "coachwork.bookings.hold-expiry-cron=-",
        "coachwork.reviews.request-cron=-",
        "coachwork.statements.cron=-",
        "coachwork.sagas.recovery-cron=-",
        "coachwork.calendly.retry-cron=-",
        "coachwork.calendly.webhook-signing-key=" + SchedulingIntegrationTest.CALENDLY_KEY,
        "coachwork.bookings.answer-wait=15s"})
public abstract class SchedulingIntegrationTest {

    public static final String CRON_SECRET = "test-cron-secret";
    /** The stand-in signing key of the Calendly webhook subscription. */
    public static final String CALENDLY_KEY = "test-calendly-signing-key";
    protected static final String ADMIN = TestJwt.token(9001, "admin");

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;

    /** A user id no other test uses. */
    protected static long newUser() {
        return IDS.incrementAndGet();
    }

    protected WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, String json) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(path);
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        return json == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    protected static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return TestEvents.json().readTree(body);
    }

    /** A 400 in the envelope naming {@code field} with {@code message}. */
    protected static void refused(WebTestClient.ResponseSpec response, String field, String message) {
        response.expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo(message)
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    protected long count(String sql, Object... binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (int i = 0; i < binds.length; i++) {
            spec = spec.bind(i, binds[i]);
        }
        return spec.map((row, meta) -> ((Number) row.get(0)).longValue()).one().block(Duration.ofSeconds(10));
    }

    protected long outboxEvents(String type, Object key) {
        return count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2", type, key.toString());
    }

    /** A tutor with a complete profile in {@code zone}, applied and approved by an admin. */
    protected long approvedTutor(String zone) {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, "/api/teaching/profile", token, """
                {"display_name": "Tutor %d", "bio": "Chess coach", "hourly_rate": 60, "currency": "USD",
                 "time_zone": "%s", "subjects": [{"subject": "Chess", "level": "FM"}]}""".formatted(tutor, zone))
                .expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/profile/apply", token, null).expectStatus().isOk();
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + tutor + "/approve", ADMIN, null).expectStatus().isOk();
        return tutor;
    }
}
