package io.coachwork.subscription.renewal;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ended periods are charged and renewed, go past due, or return the tutor to free, driven by a movable clock. */
class RenewalJobTest extends SubscriptionIntegrationTest {

    private static final String ADMIN = TestJwt.token(9001, "admin");

    @Autowired
    RenewalJob job;

    private String tier(long tutor) {
        return web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void anEndedPeriodIsChargedAndRenewedWithAutoRenewAndExpiresWithout() {
        Instant start = Instant.parse("2030-03-01T10:00:00Z");
        clock.set(start);
        long renewing = newTutor();
        long leaving = newTutor();
        subscribe(renewing, "basic").expectStatus().isOk();
        web.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(leaving)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\":\"expert\",\"auto_renew\":false}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.auto_renew").isEqualTo(false);

        clock.set(start.plus(Duration.ofDays(30)).plusSeconds(60));
        web.post().uri("/api/admin/subscription/jobs/renewals").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.charging").isNumber().jsonPath("$.data.expired").isNumber();

        await().atMost(Duration.ofSeconds(20)).until(() -> tier(renewing).contains("\"end_date\":\"2030-04-30T10:00:00.000Z\""));
        assertThat(wallet.commandsFor(renewing)).hasSize(2);
        assertThat(wallet.commandsFor(renewing).get(1).amountMinor()).isEqualTo(5_850_000);
        // The renewal is charged (and invoiced) for the period the subscription then runs.
        assertThat(wallet.commandsFor(renewing).get(1).periodStart()).isEqualTo(Instant.parse("2030-03-31T10:00:00Z"));
        assertThat(wallet.commandsFor(renewing).get(1).periodEnd()).isEqualTo(Instant.parse("2030-04-30T10:00:00Z"));
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(renewing)))
                .exchange().expectBody()
                .jsonPath("$.data.subscription_tier").isEqualTo("basic")
                .jsonPath("$.data.status").isEqualTo("active")
                .jsonPath("$.data.start_date").isEqualTo("2030-03-31T10:00:00.000Z");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(leaving)))
                .exchange().expectBody()
                .jsonPath("$.data.subscription_tier").isEqualTo("free")
                .jsonPath("$.data.end_date").isEmpty();

        var expired = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> r.key().equals(Long.toString(leaving))
                && r.value().contains(EventTypes.SUBSCRIPTION_EXPIRED), Duration.ofSeconds(20)).orElseThrow();
        assertThat(expired.value()).contains("\"previous_tier\":\"expert\"").contains("\"unlimited_coaching\":false");
        TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> r.key().equals(Long.toString(renewing))
                && r.value().contains(EventTypes.SUBSCRIPTION_RENEWED), Duration.ofSeconds(20)).orElseThrow();

        // A second run at the same instant leaves both alone (other tests' tutors share the database).
        job.run().block();
        assertThat(wallet.commandsFor(renewing)).hasSize(2);
        assertThat(wallet.commandsFor(leaving)).hasSize(1);
        assertThat(tier(leaving)).contains("\"subscription_tier\":\"free\"");
    }

    @Test
    void aRefusedRenewalGoesPastDueIsRetriedAndReturnsToFreeAfterTheGracePeriod() {
        Instant start = Instant.parse("2031-06-01T08:00:00Z");
        clock.set(start);
        long tutor = newTutor();
        subscribe(tutor, "professional").expectStatus().isOk();
        wallet.fund(tutor, 1_000_00);

        Instant ended = start.plus(Duration.ofDays(30)).plusSeconds(1);
        clock.set(ended);
        job.run().block();
        await().atMost(Duration.ofSeconds(20)).until(() -> tier(tutor).contains("\"status\":\"past_due\""));
        assertThat(tier(tutor)).contains("\"subscription_tier\":\"professional\"");

        clock.set(ended.plus(Duration.ofDays(1)));
        job.run().block();
        await().atMost(Duration.ofSeconds(20)).until(() -> wallet.commandsFor(tutor).size() == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> openCharges(tutor) == 0);
        assertThat(tier(tutor)).contains("\"status\":\"past_due\"");

        clock.set(ended.plus(Duration.ofDays(3)));
        assertThat(job.run().block().expired()).isGreaterThanOrEqualTo(1);
        assertThat(tier(tutor)).contains("\"subscription_tier\":\"free\"").contains("\"status\":\"active\"");
    }

    /** Issue 7 item 3: while a renewal charge is in flight the plan cannot change, not even to free. */
    @Test
    void noChangeOfPlanWhileARenewalChargeWaitsForTheWallet() {
        Instant start = Instant.parse("2032-02-01T08:00:00Z");
        clock.set(start);
        long tutor = newTutor();
        subscribe(tutor, "basic").expectStatus().isOk();
        wallet.goDown(tutor);

        clock.set(start.plus(Duration.ofDays(30)).plusSeconds(1));
        job.run().block();
        await().atMost(Duration.ofSeconds(20)).until(() -> wallet.commandsFor(tutor).size() == 2);
        subscribe(tutor, "free").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("A payment for your subscription is already in progress; try again in a moment");

        wallet.comeBack(tutor);
        await().atMost(Duration.ofSeconds(20)).until(() -> openCharges(tutor) == 0);
        assertThat(tier(tutor)).contains("\"subscription_tier\":\"basic\"").contains("\"end_date\":\"2032-04-01T08:00:00.000Z\"");
        subscribe(tutor, "free").expectStatus().isOk();
    }

    @Test
    void theCronEndpointNeedsTheCronSecret() {
        web.get().uri("/api/cron/subscription/renewals").headers(h -> h.setBearerAuth("wrong"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid cron secret");
        web.get().uri("/api/cron/subscription/renewals").headers(h -> h.setBearerAuth("test-cron-secret"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("Renewal job completed");
        web.post().uri("/api/admin/subscription/jobs/renewals").headers(h -> h.setBearerAuth(TestJwt.tutor(3)))
                .exchange().expectStatus().isForbidden();
    }

    private long openCharges(long tutor) {
        return db.sql("SELECT count(*) AS n FROM saga_instance WHERE saga_type = 'paid-tier' "
                        + "AND (data ->> 'tutor_id')::bigint = :t AND state = 'awaiting'").bind("t", tutor)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}
