package io.coachwork.platform.messaging;

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
 * Producer and consumer settings in one place: idempotent acks=all producers, manual-ack consumers.
 * With a meter registry, every client's own metrics (records-lag-max per partition, send rates,
 * errors) are bound to it as {@code kafka.consumer.*} and {@code kafka.producer.*}.
 */
public class KafkaClients {

    private final MessagingProperties properties;
    private final String applicationName;
    private final MeterRegistry meterRegistry;

    public KafkaClients(MessagingProperties properties, String applicationName, MeterRegistry meterRegistry) {
        this.properties = properties;
        this.applicationName = applicationName;
        this.meterRegistry = meterRegistry;
    }

    public SenderOptions<String, byte[]> senderOptions() {
        SenderOptions<String, byte[]> options = SenderOptions.<String, byte[]>create(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-producer",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))
                .maxInFlight(256);
        return meterRegistry == null ? options : options.producerListener(new MicrometerProducerListener(meterRegistry));
    }

    public String groupId(String handlerName) {
        return applicationName + "." + handlerName + properties.groupSuffix();
    }

    public ReceiverOptions<String, byte[]> receiverOptions(String handlerName, Set<String> topics) {
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, groupId(handlerName),
                        ConsumerConfig.CLIENT_ID_CONFIG, groupId(handlerName),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true,
                        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))
                .commitInterval(java.time.Duration.ofMillis(500))
                .subscription(topics);
        return meterRegistry == null ? options : options.consumerListener(new MicrometerConsumerListener(meterRegistry));
    }
}
