package io.coachwork.platform.messaging;

import java.time.Duration;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;

/**
 * Producer and consumer settings in one place: idempotent acks=all producers, manual-ack consumers,
 * tuned for latency of small events (a saga step is a few hundred bytes). The producer lingers
 * 1 ms so a relay pass still leaves as one batch, without compression (it costs CPU and saves
 * nothing at this size); consumers are answered as soon as one byte is there.
 * <p>
 * Waiting never delays a record: the broker answers a fetch once fetch.min.bytes is there, and a
 * poll returns once records are. So an idle consumer waits long; every service runs one consumer
 * per handler, and their idle loops were most of the stack's idle CPU (docs/performance.md): a
 * fetch waits up to 2 s at the broker (the default 500 ms; 100 ms had doubled the broker's idle
 * CPU), a poll up to 2 s (reactor-kafka's default 100 ms ran the client's poll loop ten times a
 * second), and the heartbeat thread checks every 500 ms, not 100 (it waits retry.backoff.ms). What
 * does wait is an idle consumer's offset commit, queued behind its poll: up to 2 s later, which
 * redelivery plus the inbox already cover.
 * With a meter registry, every client's own metrics (records-lag-max per partition, send rates,
 * errors) are bound to it as {@code kafka.consumer.*} and {@code kafka.producer.*}.
 */
public class KafkaClients {

    private static final Duration IDLE_WAIT = Duration.ofSeconds(2);

    private final MessagingProperties properties;
    private final String applicationName;
    private final MeterRegistry meterRegistry;

    public KafkaClients(MessagingProperties properties, String applicationName, MeterRegistry meterRegistry) {
        this.properties = properties;
        this.applicationName = applicationName;
        this.meterRegistry = meterRegistry;
    }

    public SenderOptions<String, byte[]> senderOptions() {
        SenderOptions<String, byte[]> options = SenderOptions.<String, byte[]>create(Map.ofEntries(
                        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()),
                        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-producer"),
                        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 1),
                        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                        Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
                        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                        Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                        Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))
                .maxInFlight(256);
        return meterRegistry == null ? options : options.producerListener(new MicrometerProducerListener(meterRegistry));
    }

    public String groupId(String handlerName) {
        return applicationName + "." + handlerName + properties.groupSuffix();
    }

    public ReceiverOptions<String, byte[]> receiverOptions(String handlerName, Set<String> topics) {
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(Map.ofEntries(
                        Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()),
                        Map.entry(ConsumerConfig.GROUP_ID_CONFIG, groupId(handlerName)),
                        Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, groupId(handlerName)),
                        Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        Map.entry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true),
                        Map.entry(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000),
                        Map.entry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1),
                        Map.entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_WAIT.toMillis()),
                        Map.entry(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 500),
                        Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200),
                        Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class),
                        Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))
                .commitInterval(Duration.ofMillis(500))
                .pollTimeout(IDLE_WAIT)
                .subscription(topics);
        return meterRegistry == null ? options : options.consumerListener(new MicrometerConsumerListener(meterRegistry));
    }
}
