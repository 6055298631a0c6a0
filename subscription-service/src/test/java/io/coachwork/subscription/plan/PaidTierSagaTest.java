package io.coachwork.subscription.plan;

import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ChargeSubscription;
import io.coachwork.platform.observability.SagaMetrics;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The paid-tier saga, one test per path: "this command goes out, this reply comes back".
 * wallet-service is played by {@link io.coachwork.subscription.support.WalletStub} over Kafka.
 */
class PaidTierSagaTest extends SubscriptionIntegrationTest {

    @Autowired
    SagaEngine sagas;

    @Autowired
    MeterRegistry meters;

    private long sagasEnded(String outcome) {
        Timer timer = meters.find(SagaMetrics.METER).tags("saga", PaidTierSaga.TYPE, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aSagaThatEndsIsMeteredWithItsOutcome() {
        long completed = sagasEnded("completed");
        long failed = sagasEnded("failed");
        long tutor = newTutor();
        wallet.fund(tutor, 20_000_000);
        subscribe(tutor, "professional").expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> sagasEnded("completed") >= completed + 1);

        long poor = newTutor();
        wallet.fund(poor, 3_000);
        subscribe(poor, "basic").expectStatus().isBadRequest();
        await().atMost(Duration.ofSeconds(20)).until(() -> sagasEnded("failed") >= failed + 1);
    }

    private String subscription(long tutor) {
        return web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void aPaidTierIsChargedToTheWalletBeforeItIsActivated() {
        long tutor = newTutor();
        wallet.fund(tutor, 20_000_000);
        subscribe(tutor, "professional").expectStatus().isOk()
                .expectBody().jsonPath("$.data.subscription_tier").isEqualTo("professional");

        ChargeSubscription command = wallet.commandsFor(tutor).get(0);
        assertThat(command.amountMinor()).isEqualTo(14_850_000);
        assertThat(command.currency()).isEqualTo("NGN");
        assertThat(command.tier()).isEqualTo("professional");
        assertThat(command.replyTopic()).isEqualTo(Topics.SUBSCRIPTION_SAGA_REPLIES);
    }

    @Test
    void insufficientFundsRefusesTheChangeAndChangesNothing() {
        long tutor = newTutor();
        wallet.fund(tutor, 3_000);
        subscribe(tutor, "basic").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo(
                        "Insufficient wallet balance to subscribe to the Basic tier. Required: 58500.0 NGN, Available: 30.0 NGN");
        assertThat(subscription(tutor)).contains("\"subscription_tier\":\"free\"");
    }

    @Test
    void theFreeTierAndAutoRenewChoicesAreNotCharged() {
        long tutor = newTutor();
        subscribe(tutor, "free").expectStatus().isOk();
        assertThat(wallet.commandsFor(tutor)).isEmpty();
    }

    @Test
    void withTheWalletDownTheChangeStaysPendingAndCompletesWhenItReturns() {
        long tutor = newTutor();
        wallet.goDown(tutor);
        subscribe(tutor, "expert").expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.subscription_tier").isEqualTo("expert")
                .jsonPath("$.data.saga_id").isNotEmpty();
        assertThat(subscription(tutor)).contains("\"subscription_tier\":\"free\"");
        subscribe(tutor, "basic").expectStatus().isEqualTo(409);

        clock.advance(Duration.ofMinutes(2));
        sagas.recover().block();
        await().atMost(Duration.ofSeconds(20)).until(() -> wallet.commandsFor(tutor).size() == 2);
        assertThat(wallet.commandsFor(tutor).get(1).sagaId()).isEqualTo(wallet.commandsFor(tutor).get(0).sagaId());

        wallet.comeBack(tutor);
        await().atMost(Duration.ofSeconds(20)).until(() -> subscription(tutor).contains("\"subscription_tier\":\"expert\""));
    }

    @Test
    void aRedeliveredReplyIsAppliedOnce() {
        long tutor = newTutor();
        subscribe(tutor, "basic").expectStatus().isOk();
        String sagaId = wallet.commandsFor(tutor).get(0).sagaId();
        wallet.replyAgain(sagaId);
        long marker = newTutor();
        subscribe(marker, "basic").expectStatus().isOk();

        Long changes = db.sql("SELECT count(*) AS n FROM subscription_change WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        Long events = db.sql("SELECT count(*) AS n FROM outbox_event WHERE topic = :topic AND message_key = :k")
                .bind("topic", Topics.SUBSCRIPTIONS).bind("k", Long.toString(tutor))
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(changes).isEqualTo(1);
        assertThat(events).isEqualTo(1);
    }
}
