package io.coachwork.subscription.usage;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.catalog.CatalogResource;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Usage follows the catalogue's events exactly once; other systems ask before creating. */
class UsageAndLimitCheckTest extends SubscriptionIntegrationTest {

    @Test
    void theSameCatalogueEventDeliveredTwiceCountsOnce() {
        long tutor = newTutor();
        String eventId = UUID.randomUUID().toString();
        String event = TestEvents.cloudEvent(eventId, EventTypes.CATALOG_RESOURCE_CREATED, "c1",
                new CatalogResource(tutor, "course", "c1"));
        String marker = TestEvents.cloudEvent(EventTypes.CATALOG_RESOURCE_CREATED, "d1",
                new CatalogResource(tutor, "digital_download", "d1"));
        String key = Long.toString(tutor);
        TopicProbe.send(io.coachwork.platform.test.TestInfrastructure.kafkaBootstrapServers(), Topics.CATALOG_RESOURCES,
                List.of(Map.entry(key, event), Map.entry(key, event), Map.entry(key, marker)));

        await().atMost(Duration.ofSeconds(30)).until(() -> usage(tutor, "digital_download") == 1);
        assertThat(usage(tutor, "course")).isEqualTo(1);
        Long inboxRows = db.sql("SELECT count(*) AS n FROM inbox_event WHERE consumer = 'catalog-usage' AND event_id = :id")
                .bind("id", eventId).map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(inboxRows).isEqualTo(1);
    }

    @Test
    void deletionsFreeTheLimitAndTheCheckSaysWhenItIsReached() {
        long tutor = newTutor();
        catalogCreated(tutor, "course", "a");
        catalogCreated(tutor, "course", "b");
        await().atMost(Duration.ofSeconds(30)).until(() -> usage(tutor, "course") == 2);

        web.get().uri("/api/subscription/limits/check?resource=courses").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.allowed").isEqualTo(false)
                .jsonPath("$.data.limit").isEqualTo(2)
                .jsonPath("$.data.used").isEqualTo(2)
                .jsonPath("$.data.message").isEqualTo("You have reached the Free plan limit of 2 courses. "
                        + "Upgrade your subscription to add more.");

        TopicProbe.send(Topics.CATALOG_RESOURCES, Long.toString(tutor), TestEvents.cloudEvent(
                EventTypes.CATALOG_RESOURCE_DELETED, "a", new CatalogResource(tutor, "course", "a")));
        await().atMost(Duration.ofSeconds(30)).until(() -> usage(tutor, "course") == 1);

        web.get().uri("/api/subscription/limits/check?resource=courses&tutor_id=" + tutor)
                .headers(h -> h.setBearerAuth(TestJwt.token(777, "service")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.allowed").isEqualTo(true).jsonPath("$.data.remaining").isEqualTo(1);
        web.get().uri("/api/marketplace/tutor/subscription/limits").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectBody().jsonPath("$.data.courses.used").isEqualTo(1);
    }

    @Test
    void aTutorMayNotCheckAnotherTutorAndBadInputIs400() {
        long tutor = newTutor();
        web.get().uri("/api/subscription/limits/check?resource=courses&tutor_id=" + (tutor + 1))
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/subscription/limits/check?resource=podcasts").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message")
                .isEqualTo("resource must be one of: courses, digital_downloads, communities, memberships");
        web.get().uri("/api/subscription/limits/check?resource=courses").headers(h -> h.setBearerAuth(TestJwt.student(tutor)))
                .exchange().expectStatus().isForbidden();
    }
}
