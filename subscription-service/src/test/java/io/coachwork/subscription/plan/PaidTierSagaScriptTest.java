package io.coachwork.subscription.plan;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ChargeSubscription;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionChargeRefused;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionCharged;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.saga.SagaScript;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paid-tier saga as scripts: "expect this command, given this reply, expect the next". The
 * tutor's wallet stand-in is down, so the script gives the replies; the change answers 202 first.
 */
class PaidTierSagaScriptTest extends SubscriptionIntegrationTest {

    private SagaScript pendingChange(long tutor, String tier) {
        wallet.goDown(tutor);
        subscribe(tutor, tier).expectStatus().isAccepted();
        return SagaScript.of(db, Topics.WALLET_COMMANDS, Topics.SUBSCRIPTION_SAGA_REPLIES);
    }

    private WebTestClient.BodyContentSpec change(long tutor, String sagaId) {
        return web.get().uri("/api/marketplace/tutor/subscription/changes/" + sagaId)
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor))).exchange().expectStatus().isOk().expectBody();
    }

    @Test
    void aChargedChangeIsApplied() {
        long tutor = newTutor();
        SagaScript script = pendingChange(tutor, "professional");
        script.expectCommand(EventTypes.CHARGE_SUBSCRIPTION, ChargeSubscription.class, c -> c.tutorId() == tutor);
        change(tutor, script.sagaId()).jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.subscription_tier").isEqualTo("professional");

        script.expectCommand(EventTypes.CHARGE_SUBSCRIPTION, ChargeSubscription.class, c -> true)
                .andGivenReply(EventTypes.SUBSCRIPTION_CHARGED, c -> new SubscriptionCharged(c.sagaId(), tutor, c.tier(),
                        c.amountMinor(), c.currency(), "SUB-1", 0))
                .expectState("completed", PaidTierSaga.CHARGE);

        change(tutor, script.sagaId()).jsonPath("$.data.status").isEqualTo("completed");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.subscription_tier").isEqualTo("professional");
    }

    @Test
    void aRefusedChargeFailsTheSagaAndTheClientCanReadWhy() {
        long tutor = newTutor();
        SagaScript script = pendingChange(tutor, "basic");
        script.expectCommand(EventTypes.CHARGE_SUBSCRIPTION, ChargeSubscription.class, c -> c.tutorId() == tutor)
                .andGivenReply(EventTypes.SUBSCRIPTION_CHARGE_REFUSED, c -> new SubscriptionChargeRefused(c.sagaId(),
                        tutor, c.tier(), c.amountMinor(), 3_000, c.currency(), "insufficient_funds"))
                .expectState("failed", PaidTierSaga.CHARGE);

        change(tutor, script.sagaId())
                .jsonPath("$.data.status").isEqualTo("refused")
                .jsonPath("$.data.message").isEqualTo(
                        "Insufficient wallet balance to subscribe to the Basic tier. Required: 58500.0 NGN, Available: 30.0 NGN");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.subscription_tier").isEqualTo("free");
        // Issue 7 item 10: the tutor was answered 202, so the refusal is announced too.
        ConsumerRecord<String, String> refused = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> Long.toString(tutor)
                .equals(r.key()) && r.value().contains(EventTypes.SUBSCRIPTION_CHANGE_REFUSED), Duration.ofSeconds(20))
                .orElseThrow();
        assertThat(refused.value()).contains("\"saga_id\":\"" + script.sagaId() + "\"").contains("\"tier\":\"basic\"")
                .contains("Insufficient wallet balance to subscribe to the Basic tier");
    }

    @Test
    void anotherTutorsChangeIsNotFoundAndABadIdIsRefused() {
        long tutor = newTutor();
        SagaScript script = pendingChange(tutor, "basic");
        script.expectCommand(EventTypes.CHARGE_SUBSCRIPTION, ChargeSubscription.class, c -> c.tutorId() == tutor);
        web.get().uri("/api/marketplace/tutor/subscription/changes/" + script.sagaId())
                .headers(h -> h.setBearerAuth(TestJwt.tutor(newTutor()))).exchange().expectStatus().isNotFound();
        web.get().uri("/api/marketplace/tutor/subscription/changes/not-a-uuid")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }
}
