package io.coachwork.wallet.topup;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.stripe.StripeWebhooks;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Card top-ups: a PaymentIntent on (local) Stripe, money only on the signed succeeded webhook, and only once. */
class TopUpWebhookTest extends WalletIntegrationTest {

    @Test
    void aTopUpOpensAPaymentIntentAndTheSignedWebhookCreditsOnceHoweverOftenItComes() {
        long tutor = newId();
        JsonNode created = TestEvents.json().readTree(createTopUp(tutor, "500.0").expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).path("data");
        String topUpId = created.path("top_up_id").asString();
        String paymentIntentId = created.path("payment_intent_id").asString();
        assertThat(paymentIntentId).startsWith("pi_");
        assertThat(created.path("client_secret").asString()).startsWith(paymentIntentId + "_secret_");
        assertThat(created.path("status").asString()).isEqualTo("pending");
        assertThat(created.path("amount").decimalValue()).isEqualByComparingTo("500.0");

        JsonNode intent = STRIPE.paymentIntent(paymentIntentId).orElseThrow();
        assertThat(intent.path("amount").asLong()).isEqualTo(50000);
        assertThat(intent.path("currency").asString()).isEqualTo("ngn");
        assertThat(intent.path("metadata").path("tutor_id").asString()).isEqualTo(Long.toString(tutor));
        assertThat(intent.path("metadata").path("top_up_id").asString()).isEqualTo(topUpId);
        assertThat(walletBalance(tutor)).isEqualByComparingTo("0.0");

        StripeWebhooks.SignedWebhook paid = STRIPE.succeededWebhook(paymentIntentId, WEBHOOK_SECRET, clock.instant());
        deliver(paid).expectStatus().isOk().expectBody()
                .jsonPath("$.data.event_id").isEqualTo(paid.eventId())
                .jsonPath("$.data.handled").isEqualTo(true);
        deliver(paid).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.succeeded",
                STRIPE.paymentIntent(paymentIntentId).orElseThrow(), clock.instant()))
                .expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);

        assertThat(walletBalance(tutor)).isEqualByComparingTo("500.0");
        get("/api/marketplace/tutor/wallet/transactions", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.transactions.length()").isEqualTo(1)
                .jsonPath("$.data.transactions[0].type").isEqualTo("top_up")
                .jsonPath("$.data.transactions[0].reference").isEqualTo("TOP-UP-" + topUpId);
        get("/api/marketplace/tutor/wallet/top-ups/" + topUpId, TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("succeeded")
                .jsonPath("$.data.payment_intent_id").isEqualTo(paymentIntentId);
        get("/api/marketplace/tutor/wallet/top-ups/" + topUpId, TestJwt.tutor(newId())).expectStatus().isNotFound();
        assertThat(TopicProbe.awaitRecord(Topics.WALLET_EVENTS, r -> r.key().equals(Long.toString(tutor))
                && r.value().contains(EventTypes.WALLET_CREDITED) && r.value().contains("\"reason\":\"top_up\""),
                Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void aBadSignatureIs400AndCreditsNothing() {
        long tutor = newId();
        String paymentIntentId = TestEvents.json().readTree(createTopUp(tutor, "80").expectStatus().isCreated()
                        .expectBody(String.class).returnResult().getResponseBody())
                .path("data").path("payment_intent_id").asString();
        StripeWebhooks.SignedWebhook forged = STRIPE.succeededWebhook(paymentIntentId, "whsec_someone_else", clock.instant());

        deliver(forged).expectStatus().isBadRequest().expectBody().json("""
                {"success": false, "message": "Invalid Stripe signature"}""");
        StripeWebhooks.SignedWebhook stale = StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.succeeded",
                STRIPE.paymentIntent(paymentIntentId).orElseThrow(), clock.instant().minus(Duration.ofMinutes(10)));
        deliver(stale).expectStatus().isBadRequest();
        web.post().uri("/api/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).bodyValue(forged.payload())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("Missing Stripe-Signature header");

        assertThat(walletBalance(tutor)).isEqualByComparingTo("0.0");
    }

    @Test
    void aDeclinedCardMarksTheTopUpFailedAndALaterSuccessStillCredits() {
        long tutor = newId();
        JsonNode created = TestEvents.json().readTree(createTopUp(tutor, "25.50").expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).path("data");
        String topUpId = created.path("top_up_id").asString();
        String paymentIntentId = created.path("payment_intent_id").asString();

        deliver(STRIPE.failedWebhook(paymentIntentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk();
        get("/api/marketplace/tutor/wallet/top-ups/" + topUpId, TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.status").isEqualTo("failed")
                .jsonPath("$.data.failure_reason").isEqualTo("Your card was declined.");

        deliver(STRIPE.succeededWebhook(paymentIntentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk();
        assertThat(walletBalance(tutor)).isEqualByComparingTo("25.5");
    }

    @Test
    void eventsCoachworkDoesNotUseAreAcknowledgedAndIgnored() {
        var charge = TestEvents.json().createObjectNode().put("id", "ch_123").put("object", "charge");
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "charge.refunded", charge, clock.instant()))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.type").isEqualTo("charge.refunded")
                .jsonPath("$.data.handled").isEqualTo(false);
    }

    @Test
    void invalidAmountsAre400() {
        long tutor = newId();
        createTopUp(tutor, "0").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("amount must be greater than 0");
        createTopUp(tutor, "-5").expectStatus().isBadRequest();
        createTopUp(tutor, "1.234").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("amount may have at most 2 decimal places for NGN");
        createTopUp(tutor, "1000000").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("amount must be at most 999999.99 NGN");
        createTopUp(tutor, "null").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("amount");
    }
}
