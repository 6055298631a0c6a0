package io.coachwork.gateway.e2e;

import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One coaching-session creation followed by its trace id: the gateway's server span starts the
 * trace, session-service's JSON log lines and its command to wallet-service carry it through
 * Kafka, and wallet-service handles the command, logs and replies in the same trace.
 */
class TraceAcrossServicesTest extends EndToEndTest {

    private static final String SESSIONS = "/api/marketplace/tutor/coaching/sessions";

    @Autowired
    ObservationRegistry gatewayObservations;

    @Test
    void oneSessionCreationKeepsOneTraceIdThroughGatewaySessionKafkaAndWallet() {
        long tutor = newUser();
        long student = newStudent();
        String token = TestJwt.tutor(tutor);
        adjustWallet(tutor, "500");
        gateway.post().uri("/api/marketplace/tutor/coaching/purchase-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"hours\": 2}")
                .exchange().expectStatus().isOk();

        // The gateway's own trace id for the request, as its tracing handler recorded it.
        String marker = "trace-" + tutor;
        Map<String, String> gatewayTraces = new ConcurrentHashMap<>();
        gatewayObservations.observationConfig().observationHandler(new GatewayTraceRecorder(gatewayTraces));

        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        JsonNode created = data(gateway.post().uri(SESSIONS).headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Correlation-Id", marker);
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"title": "Traced session", "start_time": "%s", "end_time": "%s", "student_ids": [%d]}
                        """.formatted(start, start.plus(Duration.ofHours(1)), student))
                .exchange().expectStatus().isCreated());
        long sessionId = created.get("id").asLong();

        await().atMost(patience()).until(() -> gatewayTraces.containsKey(marker));
        String traceId = gatewayTraces.get(marker);
        assertThat(traceId).matches("[0-9a-f]{32}");

        // session-service -> Kafka: the reserve-hours command carries the trace in its traceparent header.
        ConsumerRecord<String, String> command = TopicProbe.awaitRecord(Topics.WALLET_COMMANDS,
                r -> r.key().equals(Long.toString(tutor)) && sessionOf(r) == sessionId, patience()).orElseThrow();
        assertThat(TopicProbe.header(command, "traceparent")).startsWith("00-" + traceId + "-");
        assertThat(TopicProbe.header(command, "correlation-id")).isEqualTo(marker);

        // wallet-service handled it inside the same trace: its reply to the saga carries it too.
        ConsumerRecord<String, String> reply = TopicProbe.awaitRecord(Topics.SESSION_SAGA_REPLIES,
                r -> sessionOf(r) == sessionId, patience()).orElseThrow();
        assertThat(TopicProbe.header(reply, "traceparent")).startsWith("00-" + traceId + "-");

        // And both services' logs are JSON lines naming that trace id.
        RunningPlatform platform = RunningPlatform.get();
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(jsonLinesWithTrace(platform.session.logLines(), traceId))
                    .anySatisfy(line -> assertThat(line.get("message").asString()).contains(Topics.WALLET_COMMANDS));
            assertThat(jsonLinesWithTrace(platform.wallet.logLines(), traceId))
                    .anySatisfy(line -> assertThat(line.get("message").asString()).contains(Topics.WALLET_COMMANDS))
                    .anySatisfy(line -> assertThat(line.get("message").asString()).contains(Topics.SESSION_SAGA_REPLIES));
        });
    }

    private static long sessionOf(ConsumerRecord<String, String> record) {
        JsonNode data = TestEvents.json().readTree(record.value()).get("data");
        JsonNode session = data == null ? null : data.get("session_id");
        return session == null ? -1 : session.asLong();
    }

    private static List<JsonNode> jsonLinesWithTrace(List<String> lines, String traceId) {
        return lines.stream().filter(line -> line.startsWith("{") && line.contains(traceId))
                .map(line -> TestEvents.json().readTree(line))
                .filter(json -> traceId.equals(Optional.ofNullable(json.get("traceId")).map(JsonNode::asString).orElse(null)))
                .toList();
    }

    /** Notes the trace id of each gateway request by its correlation id. */
    private record GatewayTraceRecorder(Map<String, String> traces) implements ObservationHandler<ServerRequestObservationContext> {

        @Override
        public void onStop(ServerRequestObservationContext context) {
            String correlation = context.getCarrier().getHeaders().getFirst("X-Correlation-Id");
            TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
            if (correlation != null && tracing != null && tracing.getSpan() != null) {
                traces.putIfAbsent(correlation, tracing.getSpan().context().traceId());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof ServerRequestObservationContext;
        }
    }
}
