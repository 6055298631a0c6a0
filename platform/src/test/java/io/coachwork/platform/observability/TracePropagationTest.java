package io.coachwork.platform.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.coachwork.platform.messaging.EventConsumers;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Reactor restoring thread locals only where asked ({@code spring.reactor.context-propagation=limited}),
 * the caller's trace still reaches the outbox's {@code traceparent}, the platform's log lines written
 * inside operators, and the consumer of the published event.
 */
class TracePropagationTest extends PlatformIntegrationTest {

    private static final Logger OUTBOX = (Logger) LoggerFactory.getLogger(OutboxWriter.class);
    private static final Logger CONSUMERS = (Logger) LoggerFactory.getLogger(EventConsumers.class);

    private final Captured captured = new Captured();

    @Autowired
    Environment environment;

    @BeforeEach
    void capture() {
        captured.start();
        for (Logger logger : List.of(OUTBOX, CONSUMERS)) {
            logger.setLevel(Level.DEBUG);
            logger.addAppender(captured);
        }
    }

    @AfterEach
    void release() {
        for (Logger logger : List.of(OUTBOX, CONSUMERS)) {
            logger.detachAppender(captured);
            logger.setLevel(null);
        }
        captured.stop();
    }

    @Test
    void theCallersTraceReachesTheOutboxTheLogsAndTheConsumer() {
        assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String correlation = "trace-" + traceId.substring(0, 12);
        String name = "traced-" + UUID.randomUUID();
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(12));
                    h.set("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
                    h.set("X-Correlation-Id", correlation);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":1}")
                .exchange().expectStatus().isCreated();

        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(PlatformTestApplication.TOPIC,
                r -> r.value().contains(name), Duration.ofSeconds(20)).orElseThrow();
        assertThat(TopicProbe.header(record, "traceparent")).startsWith("00-" + traceId + "-");
        assertThat(TopicProbe.header(record, "correlation-id")).isEqualTo(correlation);

        // The outbox's log line, written on the database driver's thread, names the request's trace.
        assertThat(captured.lines()).anySatisfy(line -> {
            assertThat(line.message()).startsWith("appended " + PlatformTestApplication.EFFECT_RECORDED);
            assertThat(line.mdc()).containsEntry("traceId", traceId).containsEntry("correlationId", correlation);
        });
        // The consumer handles the published record inside the same trace.
        String handling = "handling " + record.topic() + "-" + record.partition() + "@" + record.offset();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(captured.lines()).anySatisfy(line -> {
            assertThat(line.message()).endsWith(handling);
            assertThat(line.mdc()).containsEntry("traceId", traceId);
        }));
    }

    private record Line(String message, Map<String, String> mdc) {
    }

    /** Keeps each event's message and its MDC as they were on the thread that logged it. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        private final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
        }

        List<Line> lines() {
            return lines;
        }
    }
}
