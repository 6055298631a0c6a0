package io.coachwork.subscription.tier;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.KafkaClients;
import io.coachwork.platform.jobs.BackgroundStream;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.util.retry.Retry;

/**
 * Every instance hears every tier_updated and empties its {@link TierCache}: a consumer group of its own
 * (a random suffix), reading from the latest offset and committing nothing, so the group holds no offsets
 * and goes when the instance does. Not an inbox consumer: emptying a cache twice is harmless.
 */
@Component
@ConditionalOnProperty(name = "coachwork.kafka.consumers-enabled", matchIfMissing = true)
public class TierUpdatesListener extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(TierUpdatesListener.class);

    private final KafkaClients clients;
    private final EventCodec codec;
    private final TierCache cache;

    public TierUpdatesListener(KafkaClients clients, EventCodec codec, TierCache cache) {
        this.clients = clients;
        this.codec = codec;
        this.cache = cache;
    }

    @Override
    protected Disposable subscribe() {
        return KafkaReceiver.create(clients.receiverOptions("tier-cache-" + UUID.randomUUID(), Set.of(Topics.SUBSCRIPTIONS))
                        .consumerProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))
                .receive()
                .doOnNext(record -> {
                    if (tierUpdated(record.value())) {
                        cache.invalidate();
                    }
                })
                .doOnError(e -> log.warn("tier cache listener stopped: {}; resubscribing", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe();
    }

    private boolean tierUpdated(byte[] value) {
        try {
            CloudEvent event = codec.read(value);
            return EventTypes.TIER_UPDATED.equals(event.type());
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
