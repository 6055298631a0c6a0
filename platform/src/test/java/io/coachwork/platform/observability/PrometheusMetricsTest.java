package io.coachwork.platform.observability;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /actuator/prometheus answers without a token and shows the platform's meters with their values. */
class PrometheusMetricsTest extends PlatformIntegrationTest {

    @Autowired
    MessagingBacklogMetrics backlogMetrics;

    @Autowired
    SagaMetrics sagaMetrics;

    @Autowired
    MutableClock clock;

    @Test
    void platformMetersAreScrapedWithTheirValues() {
        // An unpublished event ten minutes old, leased so the relay leaves it alone, and a dead letter.
        String id = UUID.randomUUID().toString();
        db.sql("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at, claimed_until) "
                        + "VALUES (:id, 'metrics.test', 'k', 't', '{}', :at, now() + interval '1 hour')")
                .bind("id", UUID.fromString(id)).bind("at", clock.instant().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().block();
        db.sql("INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, payload, error, attempts, failed_at) "
                        + "VALUES ('metrics', 'metrics.test', 0, :offset, '{}', 'boom', 4, now())")
                .bind("offset", System.nanoTime()).fetch().rowsUpdated().block();
        try {
            backlogMetrics.refresh().block();
            sagaMetrics.record("metrics-test", "compensated", Duration.ofMillis(1500));
            ScheduledRuns.logged(LoggerFactory.getLogger(getClass()), "metrics test run", Mono.just(1), n -> { }).block();
            ScheduledRuns.logged(LoggerFactory.getLogger(getClass()), "metrics test run",
                    Mono.error(new IllegalStateException("expected in this test")), n -> { }).block();
            // A handled event, so the consumer's Kafka client metrics and the handling timer exist.
            web.post().uri("/api/test/tutor/effects").headers(h -> h.setBearerAuth(TestJwt.tutor(12)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"metrics-" + id + "\",\"amount\":1}")
                    .exchange().expectStatus().isCreated();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String body = scrape();
                assertThat(value(body, "coachwork_outbox_backlog")).isGreaterThanOrEqualTo(1);
                assertThat(value(body, "coachwork_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(600);
                assertThat(value(body, "coachwork_dead_letters")).isGreaterThanOrEqualTo(1);
                assertThat(body).containsPattern("coachwork_saga_seconds_count\\{[^}]*outcome=\"compensated\"[^}]*saga=\"metrics-test\"[^}]*} 1");
                assertThat(body).containsPattern("coachwork_job_runs_seconds_count\\{[^}]*job=\"metrics test run\",outcome=\"success\"[^}]*} 1");
                assertThat(body).containsPattern("coachwork_job_runs_seconds_count\\{[^}]*job=\"metrics test run\",outcome=\"failure\"[^}]*} 1");
                assertThat(body).contains("kafka_consumer_fetch_manager_records_lag_max");
                assertThat(body).contains("kafka_producer_record_send_total");
                assertThat(body).containsPattern("coachwork_event_handle_seconds_count\\{[^}]*consumer=\"effects\"");
                assertThat(body).contains("http_server_requests_seconds_count");
            });
        } finally {
            db.sql("DELETE FROM outbox_event WHERE id = :id").bind("id", UUID.fromString(id)).fetch().rowsUpdated().block();
            db.sql("DELETE FROM dead_letter WHERE consumer = 'metrics'").fetch().rowsUpdated().block();
        }
    }

    private String scrape() {
        // A scrape is larger than the test context's 16 KB codec limit.
        return web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double value(String body, String meter) {
        Matcher m = Pattern.compile("(?m)^" + meter + "\\{[^}]*} (\\S+)$").matcher(body);
        assertThat(m.find()).as(meter + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
