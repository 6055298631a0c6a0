package io.coachwork.subscription.renewal;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Ended periods renew or return the tutor to free, driven by a movable clock. */
class RenewalJobTest extends SubscriptionIntegrationTest {

    private static final String ADMIN = TestJwt.token(9001, "admin");

    @org.springframework.beans.factory.annotation.Autowired
    RenewalJob job;

    @Test
    void anEndedPeriodRenewsWithAutoRenewAndExpiresWithout() {
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
                .expectBody().jsonPath("$.data.renewed").isNumber().jsonPath("$.data.expired").isNumber();

        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(renewing)))
                .exchange().expectBody()
                .jsonPath("$.data.subscription_tier").isEqualTo("basic")
                .jsonPath("$.data.start_date").isEqualTo("2030-03-31T10:00:00.000Z")
                .jsonPath("$.data.end_date").isEqualTo("2030-04-30T10:00:00.000Z");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(leaving)))
                .exchange().expectBody()
                .jsonPath("$.data.subscription_tier").isEqualTo("free")
                .jsonPath("$.data.end_date").isEmpty();

        var expired = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> r.key().equals(Long.toString(leaving))
                && r.value().contains(EventTypes.SUBSCRIPTION_EXPIRED), Duration.ofSeconds(20)).orElseThrow();
        assertThat(expired.value()).contains("\"previous_tier\":\"expert\"").contains("\"unlimited_coaching\":false");

        // A second run at the same instant finds nothing left to do.
        assertThat(job.run().block()).isEqualTo(new RenewalJob.Report(0, 0));
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
}
