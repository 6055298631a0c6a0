package io.coachwork.wallet.support;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads CloudEvents from a topic the way a saga orchestrator or partner would, collecting every
 * match rather than the first (a repeated command gets two replies; twenty commands twenty).
 * Reads all partitions from the beginning without joining a consumer group.
 */
public final class Records {

    private Records() {
    }

    /** The first {@code count} events on {@code topic} that match, in arrival order; fewer if the timeout passes first. */
    public static List<JsonNode> await(String topic, Predicate<JsonNode> match, int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<JsonNode> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                // The topic appears with its first record (or this metadata request); ask again until it has.
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1));
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = TestEvents.json().readTree(record.value());
                    if (match.test(event) && found.size() < count) {
                        found.add(event);
                    }
                }
            }
        }
        return found;
    }

    /** Exactly one matching event, waiting up to 30 seconds. */
    public static JsonNode awaitOne(String topic, Predicate<JsonNode> match) {
        List<JsonNode> events = await(topic, match, 1, Duration.ofSeconds(30));
        if (events.isEmpty()) {
            throw new AssertionError("no matching event on " + topic + " within 30s");
        }
        return events.get(0);
    }

    /** Events of a saga (replies carry the saga id as their subject). */
    public static Predicate<JsonNode> saga(String sagaId) {
        return event -> sagaId.equals(event.path("subject").asString());
    }
}
