package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.stripe.StripeWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the end-to-end tests: the real gateway (this test's Spring context) in front of the
 * {@link RunningPlatform}, called with JWTs exactly as a client calls it. All subclasses share one
 * gateway context and one set of services.
 */
@ServiceTest
abstract class EndToEndTest {

    protected static final String ADMIN = TestJwt.token(9001, "admin");
    protected static final String SUPER_ADMIN = TestJwt.token(9002, "super_admin", "admin");
    protected static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    @Autowired
    protected WebTestClient gateway;

    @LocalServerPort
    protected int gatewayPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RunningPlatform platform = RunningPlatform.get();
        registry.add("coachwork.routes.subscription", platform.subscription::baseUrl);
        registry.add("coachwork.routes.wallet", platform.wallet::baseUrl);
        registry.add("coachwork.routes.session", platform.session::baseUrl);
        registry.add("coachwork.routes.scheduling", platform.scheduling::baseUrl);
        registry.add("coachwork.routes.notification", platform.notification::baseUrl);
        // Many calls per test from few users: the per-user limit itself is tested in the gateway's own tests.
        registry.add("coachwork.rate-limit.replenish-rate", () -> "500");
        registry.add("coachwork.rate-limit.burst-capacity", () -> "1000");
        // As long as the gateway waits for a service: a saga's synchronous wait alone can take 5 s, more on a busy CI machine.
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
    }

    protected static long newUser() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L);
    }

    /** A student session-service knows (from their own call, as a signed-in student's app does): only they can be invited. */
    protected long newStudent() {
        long id = newUser();
        gateway.get().uri("/api/student/coaching/sessions").headers(h -> h.setBearerAuth(TestJwt.student(id)))
                .exchange().expectStatus().isOk();
        return id;
    }

    protected JsonNode data(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return TestEvents.json().readTree(body).get("data");
    }

    /** A super admin credits the tutor's wallet (recorded in the ledger and the audit log). */
    protected void adjustWallet(long tutor, String amount) {
        gateway.post().uri("/api/admin/wallet/adjustments").headers(h -> h.setBearerAuth(SUPER_ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"tutor_id\": " + tutor + ", \"amount\": " + amount + ", \"reason\": \"e2e funding\"}")
                .exchange().expectStatus().isCreated();
    }

    /** A card top-up the way production does it: PaymentIntent, card payment (the stand-in confirms it), signed webhook. */
    protected void topUpByCard(String tutorToken, String amount) {
        JsonNode topUp = data(gateway.post().uri("/api/marketplace/tutor/wallet/top-ups")
                .headers(h -> h.setBearerAuth(tutorToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": " + amount + "}").exchange().expectStatus().isCreated());
        String paymentIntent = topUp.get("payment_intent_id").asString();
        StripeWebhooks.SignedWebhook webhook = RunningPlatform.get().stripe.succeededWebhook(paymentIntent,
                RunningPlatform.STRIPE_WEBHOOK_SECRET, Instant.now());
        gateway.post().uri("/api/webhooks/stripe").header("Stripe-Signature", webhook.signatureHeader())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(webhook.payload())
                .exchange().expectStatus().isOk();
    }

    /** A call through the gateway as {@code token}'s user (none when null), with a JSON body when given. */
    protected WebTestClient.ResponseSpec send(String method, String path, String token, String json) {
        WebTestClient.RequestBodySpec request = gateway.method(HttpMethod.valueOf(method)).uri(path);
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        return json == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** A tutor who applied with a 60 USD/h profile in Lagos and whom an admin approved. */
    protected long approvedTutor() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        send("PUT", "/api/teaching/profile", token, """
                {"display_name": "Ada Obi", "bio": "Mathematics tutor", "hourly_rate": 60, "currency": "USD",
                 "time_zone": "Africa/Lagos", "subjects": [{"subject": "Mathematics", "level": "advanced"}]}""")
                .expectStatus().isOk();
        send("POST", "/api/teaching/profile/apply", token, null).expectStatus().isOk();
        send("POST", "/api/admin/teaching/applications/" + tutor + "/approve", ADMIN, null).expectStatus().isOk();
        return tutor;
    }

    /** A 60-minute slot of {@code tutor} on {@code date}, Lagos time; returns its id. */
    protected long slot(long tutor, LocalDate date, String start, String end, String type, int seats) {
        JsonNode created = data(send("POST", "/api/teaching/slots", TestJwt.tutor(tutor), """
                {"slot_date": "%s", "start_time": "%s", "end_time": "%s", "duration_minutes": 60, "session_type": "%s",
                 "max_participants": %d, "timezone": "Africa/Lagos"}""".formatted(date, start, end, type, seats))
                .expectStatus().isCreated());
        JsonNode slot = created.isArray() ? created.get(0) : created.has("slots") ? created.get("slots").get(0) : created;
        return slot.get("id").asLong();
    }

    protected JsonNode book(String studentToken, long slotId) {
        return data(send("POST", "/api/teaching/sessions/book", studentToken, "{\"slot_id\": " + slotId + "}")
                .expectStatus().isCreated());
    }

    protected void deliver(StripeWebhooks.SignedWebhook webhook) {
        gateway.post().uri("/api/webhooks/stripe").header("Stripe-Signature", webhook.signatureHeader())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(webhook.payload()).exchange().expectStatus().isOk();
    }

    /** The card payment on the stand-in, then Stripe's signed payment_intent.succeeded. */
    protected void pay(JsonNode booking) {
        deliver(RunningPlatform.get().stripe.succeededWebhook(booking.get("payment_intent_id").asString(),
                RunningPlatform.STRIPE_WEBHOOK_SECRET, Instant.now()));
    }

    /** A slot of {@code tutor} two days ahead, booked and paid by the student: returns the confirmed booking. */
    protected JsonNode paidBooking(long tutor, String studentToken, String type, String start, String end) {
        JsonNode booking = book(studentToken, slot(tutor, LocalDate.now(LAGOS).plusDays(2), start, end, type,
                "GROUP".equals(type) ? 5 : 1));
        pay(booking);
        return await().atMost(patience()).until(
                () -> data(send("GET", "/api/teaching/bookings/" + booking.get("id").asString(), studentToken, null)
                        .expectStatus().isOk()),
                b -> "CONFIRMED".equals(b.get("status").asString()));
    }

    protected void assertBooksReconcile() {
        JsonNode report = data(gateway.get().uri("/api/admin/wallet/reconciliation").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk());
        assertThat(report.get("discrepancies").size()).as(report.toString()).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    protected static Duration patience() {
        return Duration.ofSeconds(30);
    }
}
