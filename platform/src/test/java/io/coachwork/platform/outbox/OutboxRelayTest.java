package io.coachwork.platform.outbox;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event written with a state change reaches Kafka as a CloudEvent; a rolled-back change publishes nothing;
 * a burst of commits (wakes arriving during a pass, whose marks ride on the next claim) is published once
 * each and every row is marked.
 */
class OutboxRelayTest extends PlatformIntegrationTest {

    @Test
    void committedEventReachesKafkaAsStructuredCloudEvent() {
        String name = "outbox-" + UUID.randomUUID();
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(11));
                    h.set("X-Correlation-Id", "corr-" + name.substring(7, 15));
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":2}")
                .exchange().expectStatus().isCreated();

        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(PlatformTestApplication.TOPIC,
                r -> r.value().contains(name), Duration.ofSeconds(20)).orElseThrow();

        JsonNode event = TestEvents.json().readTree(record.value());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo(PlatformTestApplication.EFFECT_RECORDED);
        assertThat(event.get("source").asString()).isEqualTo("/coachwork/platform-test");
        assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(event.get("id").asString()).isNotBlank();
        assertThat(event.get("time").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(event.get("data").get("name").asString()).isEqualTo(name);
        assertThat(event.get("subject").asString()).isEqualTo(record.key());
        assertThat(TopicProbe.header(record, "content-type")).startsWith("application/cloudevents+json");
        assertThat(TopicProbe.header(record, "correlation-id")).isEqualTo("corr-" + name.substring(7, 15));
        assertThat(TopicProbe.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void burstOfCommitsIsPublishedOnceEachAndMarked() {
        String burst = "burst-" + UUID.randomUUID();
        int events = 40;
        Flux.range(0, events).parallel(8).runOn(Schedulers.boundedElastic())
                .doOnNext(i -> web.post().uri("/api/test/tutor/effects").headers(h -> h.setBearerAuth(TestJwt.tutor(12)))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + burst + "-" + i + "\",\"amount\":1}")
                        .exchange().expectStatus().isCreated())
                .sequential().blockLast(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(db.sql("""
                        SELECT count(*) FILTER (WHERE published_at IS NOT NULL) AS marked, count(*) AS written
                        FROM outbox_event WHERE payload LIKE :p""").bind("p", "%" + burst + "%")
                .map((row, meta) -> List.of(row.get("marked", Long.class), row.get("written", Long.class)))
                .one().block()).containsExactly((long) events, (long) events));

        List<ConsumerRecord<String, String>> published = TopicProbe.records(PlatformTestApplication.TOPIC,
                r -> r.value().contains(burst), Duration.ofSeconds(5));
        assertThat(published).hasSize(events);
        assertThat(published.stream().map(r -> TestEvents.json().readTree(r.value()).get("id").asString()).distinct())
                .hasSize(events);
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String name = "rollback-" + UUID.randomUUID();
        web.post().uri("/api/test/tutor/effects").headers(h -> h.setBearerAuth(TestJwt.tutor(11)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":2}")
                .exchange().expectStatus().isEqualTo(409);

        assertThat(countEffects(name)).isZero();
        Long pending = db.sql("SELECT count(*) AS n FROM outbox_event WHERE payload LIKE :p").bind("p", "%" + name + "%")
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(pending).isZero();
    }
}
