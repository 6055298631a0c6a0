package io.coachwork.subscription.plan;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 000's subscription endpoints, byte for byte in paths, fields and messages. */
class SubscriptionApiTest extends SubscriptionIntegrationTest {

    @Test
    void aTutorWithoutASubscriptionIsOnTheFreeTier() {
        long tutor = newTutor();
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.data.id").isEmpty()
                .jsonPath("$.data.subscription_tier").isEqualTo("free")
                .jsonPath("$.data.tier_name").isEqualTo("Free")
                .jsonPath("$.data.status").isEqualTo("active")
                .jsonPath("$.data.end_date").isEmpty()
                .jsonPath("$.data.courses_limit").isEqualTo(2)
                .jsonPath("$.data.communities_limit").isEqualTo(0)
                .jsonPath("$.data.digital_downloads_limit").isEqualTo(0)
                .jsonPath("$.data.memberships_limit").isEqualTo(0)
                .jsonPath("$.data.unlimited_coaching").isEqualTo(false)
                .jsonPath("$.data.commission_rate").isEqualTo(10.0)
                .jsonPath("$.data.name").isEqualTo("Free")
                .jsonPath("$.data.price").isEqualTo(0);
    }

    @Test
    void subscribingToProfessionalAnswersSeed000sShapeAndRunsThirtyDays() {
        long tutor = newTutor();
        clock.set(Instant.parse("2024-01-15T00:00:00Z"));
        subscribe(tutor, "professional")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.message").isEqualTo("Subscription updated successfully")
                .jsonPath("$.data.id").isNumber()
                .jsonPath("$.data.tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.tutor_type").isEqualTo("sole_tutor")
                .jsonPath("$.data.subscription_tier").isEqualTo("professional")
                .jsonPath("$.data.status").isEqualTo("active")
                .jsonPath("$.data.start_date").isEqualTo("2024-01-15T00:00:00.000Z")
                .jsonPath("$.data.end_date").isEqualTo("2024-02-14T00:00:00.000Z")
                .jsonPath("$.data.auto_renew").isEqualTo(true)
                .jsonPath("$.data.courses_limit").isEqualTo(25)
                .jsonPath("$.data.communities_limit").isEqualTo(1)
                .jsonPath("$.data.digital_downloads_limit").isEqualTo(10)
                .jsonPath("$.data.memberships_limit").isEqualTo(0)
                .jsonPath("$.data.unlimited_coaching").isEqualTo(false)
                .jsonPath("$.data.commission_rate").isEqualTo(10.0);

        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.subscription_tier").isEqualTo("professional")
                .jsonPath("$.data.tier_name").isEqualTo("Professional")
                .jsonPath("$.data.price").isEqualTo(99)
                .jsonPath("$.data.end_date").isEqualTo("2024-02-14T00:00:00.000Z");

        web.get().uri("/api/marketplace/tutor/subscription/limits").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.courses.limit").isEqualTo(25)
                .jsonPath("$.data.courses.used").isEqualTo(0)
                .jsonPath("$.data.courses.remaining").isEqualTo(25)
                .jsonPath("$.data.courses.unlimited").isEqualTo(false)
                .jsonPath("$.data.digital_downloads.limit").isEqualTo(10)
                .jsonPath("$.data.communities.limit").isEqualTo(1)
                .jsonPath("$.data.memberships.remaining").isEqualTo(0)
                .jsonPath("$.data.coaching.unlimited").isEqualTo(false);
    }

    @Test
    void unlimitedLimitsShowAsNullWithUnlimitedTrue() {
        long tutor = newTutor();
        subscribe(tutor, "grand_master").expectStatus().isOk()
                .expectBody().jsonPath("$.data.courses_limit").isEmpty();
        web.get().uri("/api/marketplace/tutor/subscription/limits").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.courses.unlimited").isEqualTo(true)
                .jsonPath("$.data.courses.limit").isEmpty()
                .jsonPath("$.data.courses.remaining").isEmpty()
                .jsonPath("$.data.coaching.unlimited").isEqualTo(true);
    }

    @Test
    void anUnknownTierIsRefusedNamingTheValidOnesAndChangesNothing() {
        long tutor = newTutor();
        subscribe(tutor, "platinum")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Invalid subscription tier. Valid tiers: free, basic, professional, expert, grand_master")
                .jsonPath("$.errors[0].field").isEqualTo("subscription_tier");
        web.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("subscription_tier is required");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.id").isEmpty();
    }

    @Test
    void aNulInTheTierIs400NamingTheFieldNot500() {
        long tutor = newTutor();
        web.post().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subscription_tier\": \"basic\\u0000\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("subscription_tier must not contain control characters")
                .jsonPath("$.errors[0].field").isEqualTo("subscription_tier");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.id").isEmpty();
    }

    @Test
    void onlyTutorsMayUseTutorEndpoints() {
        web.get().uri("/api/marketplace/tutor/subscription").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.student(newTutor())))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void aDowngradeBelowCurrentUsageIsRefusedWithAClearMessage() {
        long tutor = newTutor();
        subscribe(tutor, "professional").expectStatus().isOk();
        for (int i = 0; i < 6; i++) {
            catalogCreated(tutor, "course", "course-" + tutor + "-" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> usage(tutor, "course") == 6);

        subscribe(tutor, "basic")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Cannot change to the Basic tier: you have 6 courses "
                        + "(Basic allows 5). Remove the extra items first, then change tier.");
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.subscription_tier").isEqualTo("professional");
    }

    @Test
    void theChangeReachesKafkaAsACloudEventForWalletService() {
        long tutor = newTutor();
        subscribe(tutor, "expert").expectStatus().isOk();

        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS,
                r -> r.key().equals(Long.toString(tutor)), Duration.ofSeconds(20)).orElseThrow();
        JsonNode event = TestEvents.json().readTree(record.value());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_ACTIVATED);
        assertThat(event.get("source").asString()).isEqualTo("/coachwork/subscription-service");
        assertThat(event.get("subject").asString()).isEqualTo(Long.toString(tutor));
        assertThat(event.get("data").get("tutor_id").asLong()).isEqualTo(tutor);
        assertThat(event.get("data").get("tier").asString()).isEqualTo("expert");
        assertThat(event.get("data").get("unlimited_coaching").asBoolean()).isTrue();
        assertThat(TopicProbe.header(record, "content-type")).startsWith("application/cloudevents+json");
    }

    @Test
    void resubscribingToTheSameTierChangesNothingAndPublishesNothingNew() {
        long tutor = newTutor();
        subscribe(tutor, "basic").expectStatus().isOk();
        subscribe(tutor, "basic").expectStatus().isOk().expectBody().jsonPath("$.data.subscription_tier").isEqualTo("basic");
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxCount(tutor) == 1);
        assertThat(outboxCount(tutor)).isEqualTo(1);
    }

    private long outboxCount(long tutor) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE topic = :t AND message_key = :k")
                .bind("t", Topics.SUBSCRIPTIONS).bind("k", Long.toString(tutor))
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}
