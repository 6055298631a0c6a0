package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.Topics;
import io.micrometer.observation.ObservationRegistry;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import io.coachwork.platform.testapp.PlatformTestApplication.EffectRequest;
import io.coachwork.platform.testapp.PlatformTestApplication.EffectRequestHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Duplicates apply once, poison records are dead-lettered and replayable, a crash loses nothing, and
 * a handler that dedupes by itself is spared the inbox but not its transaction.
 */
class IdempotentConsumerTest extends PlatformIntegrationTest {

    @Autowired
    KafkaClients clients;
    @Autowired
    Inbox inbox;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    EventCodec codec;
    @Autowired
    MessagingProperties properties;

    private static String requested(String id, String name) {
        return TestEvents.cloudEvent(id, PlatformTestApplication.EFFECT_REQUESTED, name, new EffectRequest(name, 1));
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        String name = "dup-" + UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();
        String event = requested(UUID.randomUUID().toString(), name);
        // Same key, so the marker is processed after both copies.
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), PlatformTestApplication.TOPIC, List.of(
                Map.entry("k-" + name, event), Map.entry("k-" + name, event),
                Map.entry("k-" + name, requested(UUID.randomUUID().toString(), marker))));

        await().atMost(Duration.ofSeconds(30)).until(() -> countEffects(marker) == 1);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void aFailingEventIsRetriedThenDeadLetteredAndAReplayAppliesItOnce() {
        String name = "blocked-" + UUID.randomUUID();
        db.sql("INSERT INTO test_blocker (name) VALUES (:n)").bind("n", name).fetch().rowsUpdated().block();
        String eventId = UUID.randomUUID().toString();
        TopicProbe.send(PlatformTestApplication.TOPIC, name, requested(eventId, name));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterId(eventId) != null);
        Long id = deadLetterId(eventId);
        assertThat(countEffects(name)).isZero();
        ConsumerRecord<String, String> dlt = TopicProbe.awaitRecord(Topics.deadLetter(PlatformTestApplication.TOPIC),
                r -> r.value().contains(eventId), Duration.ofSeconds(20)).orElseThrow();
        assertThat(dlt.key()).isEqualTo(name);

        String admin = TestJwt.token(900, "admin");
        web.get().uri("/api/admin/platform-test/dead-letters").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.dead_letters[?(@.event_id == '" + eventId + "')].attempts").isEqualTo(4)
                .jsonPath("$.data.pagination.page").isEqualTo(1);
        web.get().uri("/api/admin/platform-test/dead-letters").headers(h -> h.setBearerAuth(TestJwt.tutor(3)))
                .exchange().expectStatus().isForbidden();

        db.sql("DELETE FROM test_blocker WHERE name = :n").bind("n", name).fetch().rowsUpdated().block();
        web.post().uri("/api/admin/platform-test/dead-letters/{id}/replay", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.replayed_at").exists();

        await().atMost(Duration.ofSeconds(30)).until(() -> countEffects(name) == 1);
        web.post().uri("/api/admin/platform-test/dead-letters/{id}/replay", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithoutStoppingTheConsumer() {
        String after = "after-garbage-" + UUID.randomUUID();
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), PlatformTestApplication.TOPIC, List.of(
                Map.entry("garbage", "{not json"), Map.entry("garbage", requested(UUID.randomUUID().toString(), after))));
        await().atMost(Duration.ofSeconds(30)).until(() -> countEffects(after) == 1);
        Long garbage = db.sql("SELECT count(*) AS n FROM dead_letter WHERE payload = '{not json'")
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(garbage).isEqualTo(1);
    }

    @Test
    void aConsumerKilledAfterCommitButBeforeAckLosesNothingAndAppliesNothingTwice() {
        String topic = "platform-test.crash-" + UUID.randomUUID();
        EffectRequestHandler handler = new EffectRequestHandler("crash-effects", topic, db, codec);
        String first = "crash-first-" + UUID.randomUUID();
        TopicProbe.send(topic, "k", requested(UUID.randomUUID().toString(), first));

        // Consumer A applies the first event (its transaction commits) and dies before committing the offset.
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, clients.groupId(handler.name()));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        EventConsumers consumers = new EventConsumers(List.of(handler), clients, inbox, deadLetters, tx, codec, properties,
                ObservationRegistry.NOOP);
        try (KafkaConsumer<String, byte[]> crashing = new KafkaConsumer<>(props)) {
            crashing.subscribe(List.of(topic));
            ConsumerRecord<String, byte[]> record = null;
            while (record == null) {
                var polled = crashing.poll(Duration.ofMillis(200));
                record = polled.isEmpty() ? null : polled.iterator().next();
            }
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(first);
            consumers.apply(handler, codec.read(record.value())).block();
        }
        assertThat(countEffects(first)).isEqualTo(1);

        // Consumer B takes over: the first event comes again and is skipped; the next one is applied.
        String second = "crash-second-" + UUID.randomUUID();
        TopicProbe.send(topic, "k", requested(UUID.randomUUID().toString(), second));
        consumers.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> countEffects(second) == 1);
            assertThat(countEffects(first)).isEqualTo(1);
        } finally {
            consumers.stop();
        }
    }

    @Test
    void aHandlerThatDedupesItselfRunsInATransactionWithoutAnInboxRow() {
        AtomicInteger handled = new AtomicInteger();
        // Fails after writing when asked to, so a lasting effect shows whether the write was in a transaction.
        EventHandler handler = new EventHandler() {
            @Override
            public String name() {
                return "self-deduping";
            }

            @Override
            public Set<String> topics() {
                return Set.of("platform-test.self-deduping");
            }

            @Override
            public Mono<Void> handle(CloudEvent event) {
                EffectRequest request = codec.data(event, EffectRequest.class);
                return Mono.fromRunnable(handled::incrementAndGet)
                        .then(db.sql("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, :a, 0)")
                                .bind("n", request.name()).bind("a", request.amount()).fetch().rowsUpdated())
                        .flatMap(n -> request.amount() < 0 ? Mono.error(new IllegalStateException("refused"))
                                : Mono.empty());
            }

            @Override
            public boolean appliesOnceItself() {
                return true;
            }
        };
        EventConsumers consumers = new EventConsumers(List.of(handler), clients, inbox, deadLetters, tx, codec, properties,
                ObservationRegistry.NOOP);
        String name = "self-" + UUID.randomUUID();
        CloudEvent event = codec.read(requested(UUID.randomUUID().toString(), name).getBytes(StandardCharsets.UTF_8));

        consumers.apply(handler, event).block();
        consumers.apply(handler, event).block();

        // Both deliveries reach the handler, which alone decides what a repeat does; the inbox is not written.
        assertThat(handled).hasValue(2);
        assertThat(db.sql("SELECT count(*) AS n FROM inbox_event WHERE consumer = 'self-deduping'")
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();

        String refused = "self-refused-" + UUID.randomUUID();
        CloudEvent failing = codec.read(TestEvents.cloudEvent(UUID.randomUUID().toString(),
                        PlatformTestApplication.EFFECT_REQUESTED, refused, new EffectRequest(refused, -1))
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> consumers.apply(handler, failing).block()).hasMessageContaining("refused");
        assertThat(countEffects(refused)).isZero();
    }

    private Long deadLetterId(String eventId) {
        return db.sql("SELECT id FROM dead_letter WHERE event_id = :e ORDER BY id LIMIT 1").bind("e", eventId)
                .map((row, meta) -> row.get("id", Long.class)).one().block();
    }
}
