package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.jobs.BackgroundStream;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.util.retry.Retry;

/**
 * Runs an action in every instance for each event of one type on a topic, typically emptying a cache the
 * instance keeps: a consumer group of its own (a random suffix), reading from the latest offset and
 * committing nothing, so the group holds no offsets and goes when the instance does. Not an inbox
 * consumer: the action must be harmless to run twice.
 * <p>
 * The action also runs each time the listener is given its partitions, once their read positions are fixed: an
 * event sent before that (while the instance started, or while the listener resubscribed after a failure) is not
 * read from the latest offset, so the action covers it there.
 */
public abstract class EveryInstanceListener extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(EveryInstanceListener.class);

    private final KafkaClients clients;
    private final EventCodec codec;
    private final String name;
    private final String topic;
    private final String eventType;
    private final Runnable action;

    protected EveryInstanceListener(KafkaClients clients, EventCodec codec, String name, String topic,
                                    String eventType, Runnable action) {
        this.clients = clients;
        this.codec = codec;
        this.name = name;
        this.topic = topic;
        this.eventType = eventType;
        this.action = action;
    }

    @Override
    protected Disposable subscribe() {
        return KafkaReceiver.create(clients.receiverOptions(name + "-" + UUID.randomUUID(), Set.of(topic))
                        .consumerProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                        .addAssignListener(partitions -> {
                            partitions.forEach(ReceiverPartition::position);
                            action.run();
                        }))
                .receive()
                .doOnNext(record -> {
                    if (ofType(record.value())) {
                        action.run();
                    }
                })
                .doOnError(e -> log.warn("{} listener stopped: {}; resubscribing", name, e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe();
    }

    private boolean ofType(byte[] value) {
        try {
            CloudEvent event = codec.read(value);
            return eventType.equals(event.type());
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
