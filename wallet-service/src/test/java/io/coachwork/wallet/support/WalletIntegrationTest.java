package io.coachwork.wallet.support;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSettingsUpdated;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.stripe.LocalStripe;
import io.coachwork.platform.test.stripe.StripeWebhooks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of wallet-service's integration tests: one shared service against real PostgreSQL, the
 * run's Kafka broker and the local Stripe stand-in, which stripe-java calls over HTTP.
 */
@ServiceTest
@TestPropertySource(properties = {
        "coachwork.stripe.api-key=sk_test_wallet_tests",
        "coachwork.stripe.webhook-secret=" + WalletIntegrationTest.WEBHOOK_SECRET})
public abstract class WalletIntegrationTest {

    protected static final String WEBHOOK_SECRET = "whsec_wallet_tests";
    protected static final LocalStripe STRIPE = LocalStripe.start(0);
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("coachwork.stripe.api-base", STRIPE::baseUrl);
    }

    /** An id (tutor, session) no other test uses. */
    protected static long newId() {
        return IDS.incrementAndGet();
    }

    protected WebTestClient.ResponseSpec createTopUp(long tutorId, String amount) {
        return web.post().uri("/api/marketplace/tutor/wallet/top-ups")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": " + amount + "}")
                .exchange();
    }

    protected WebTestClient.ResponseSpec deliver(StripeWebhooks.SignedWebhook webhook) {
        return web.post().uri("/api/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", webhook.signatureHeader())
                .bodyValue(webhook.payload())
                .exchange();
    }

    /** Tops the wallet up by card the whole way: top-up, card payment, signed webhook. Returns the PaymentIntent id. */
    protected String fund(long tutorId, String amount) {
        JsonNode created = TestEvents.json().readTree(createTopUp(tutorId, amount).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        String paymentIntentId = created.path("data").path("payment_intent_id").asString();
        deliver(STRIPE.succeededWebhook(paymentIntentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk();
        return paymentIntentId;
    }

    protected WebTestClient.ResponseSpec purchaseHours(long tutorId, String hours) {
        return web.post().uri("/api/marketplace/tutor/coaching/purchase-hours")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"hours\": " + hours + "}")
                .exchange();
    }

    /** A tutor with {@code hours} bought at the default price (the wallet is funded for exactly that). */
    protected long tutorWithHours(String hours) {
        long tutor = newId();
        fund(tutor, new BigDecimal(hours).multiply(BigDecimal.TEN).toPlainString());
        purchaseHours(tutor, hours).expectStatus().isOk();
        return tutor;
    }

    protected WebTestClient.ResponseSpec get(String uri, String token) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** The wallet balance in major units, as the tutor sees it. */
    protected BigDecimal walletBalance(long tutorId) {
        JsonNode body = TestEvents.json().readTree(get("/api/marketplace/tutor/wallet", TestJwt.tutor(tutorId))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        return body.path("data").path("balance").decimalValue();
    }

    protected long availableMinutes(long tutorId) {
        return db.sql("SELECT COALESCE((SELECT balance FROM account WHERE owner_id = :t AND code = 'hours_available'), 0) AS b")
                .bind("t", tutorId).map((row, meta) -> row.get("b", Long.class)).one().block();
    }

    /** subscription-service announces a tutor's plan, as it does on every change. */
    protected static void subscriptionEvent(long tutorId, String tier, boolean unlimitedCoaching, Instant at) {
        SubscriptionEvent data = new SubscriptionEvent(tutorId, tutorId, tier, null, "active", at, null, unlimitedCoaching,
                new BigDecimal("10.0"));
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutorId),
                withTime(TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHANGED, Long.toString(tutorId), data), at));
    }

    /** session-service announces the admin's coaching settings. */
    protected static void coachingSettings(long pricePerHourMinor, String currency, Instant updatedAt) {
        TopicProbe.send(Topics.COACHING_SETTINGS, "settings", TestEvents.cloudEvent(EventTypes.COACHING_SETTINGS_UPDATED,
                "settings", new CoachingSettingsUpdated(pricePerHourMinor, currency, 60, 10, true, updatedAt)));
    }

    private static String withTime(String event, Instant at) {
        ObjectNode node = (ObjectNode) TestEvents.json().readTree(event);
        node.put("time", at.toString());
        return TestEvents.json().writeValueAsString(node);
    }
}
