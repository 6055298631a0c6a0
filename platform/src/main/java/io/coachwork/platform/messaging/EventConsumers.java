package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.observability.TraceScope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.receiver.observation.KafkaRecordReceiverContext;
import reactor.util.retry.Retry;

/**
 * Runs every {@link EventHandler}: records of one partition are applied in order, each in one
 * transaction with its inbox row (none for a handler that dedupes by itself), retried with backoff,
 * then dead-lettered. The offset is
 * acknowledged only after the transaction commits, so a crash in between means redelivery, which
 * the inbox turns into a no-op.
 */
public class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final List<EventHandler> handlers;
    private final KafkaClients clients;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final TransactionalOperator tx;
    private final EventCodec codec;
    private final MessagingProperties properties;
    private final ObservationRegistry observations;
    private final List<Disposable> running = new ArrayList<>();

    public EventConsumers(List<EventHandler> handlers, KafkaClients clients, Inbox inbox, DeadLetters deadLetters,
                          TransactionalOperator tx, EventCodec codec, MessagingProperties properties,
                          ObservationRegistry observations) {
        this.handlers = handlers;
        this.clients = clients;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.tx = tx;
        this.codec = codec;
        this.properties = properties;
        this.observations = observations;
    }

    @Override
    public synchronized void start() {
        for (EventHandler handler : handlers) {
            running.add(consume(handler).subscribe());
        }
    }

    @Override
    public synchronized void stop() {
        running.forEach(Disposable::dispose);
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }

    private Mono<Void> consume(EventHandler handler) {
        return KafkaReceiver.create(clients.receiverOptions(handler.name(), handler.topics()))
                .receive()
                .groupBy(record -> record.receiverOffset().topicPartition())
                .flatMap(partition -> partition.concatMap(record -> process(handler, record)), Integer.MAX_VALUE)
                .doOnError(e -> log.warn("consumer {} stopped: {}; resubscribing", handler.name(), e.toString()))
                // A broker or database outage must not end consumption for good; uncommitted records come again.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .then();
    }

    /**
     * Handles one record inside an observation that continues the producer's trace (its
     * {@code traceparent} header), so the handler's log lines and the events it writes share the
     * trace id of the request that started it all.
     */
    private Mono<Void> process(EventHandler handler, ReceiverRecord<String, byte[]> record) {
        Observation observation = Observation.createNotStarted("coachwork.event.handle",
                        () -> new KafkaRecordReceiverContext(record, handler.name(), properties.bootstrapServers()),
                        observations)
                .contextualName(record.topic() + " process")
                .lowCardinalityKeyValue("consumer", handler.name())
                .lowCardinalityKeyValue("topic", record.topic())
                .start();
        return TraceScope.run(() -> log.debug("{} handling {}-{}@{}", handler.name(), record.topic(),
                        record.partition(), record.offset()))
                .then(handle(handler, record))
                .doOnError(observation::error)
                .doFinally(signal -> observation.stop())
                .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation))
                .then(Mono.fromRunnable(() -> record.receiverOffset().acknowledge()));
    }

    private Mono<Void> handle(EventHandler handler, ReceiverRecord<String, byte[]> record) {
        String payload = new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8);
        CloudEvent event;
        try {
            event = codec.read(record.value());
        } catch (RuntimeException malformed) {
            return deadLetter(handler, record, null, payload, malformed, 1);
        }
        int maxAttempts = properties.maxAttempts();
        return apply(handler, event)
                .retryWhen(Retry.backoff(maxAttempts - 1L, properties.initialBackoff())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(e -> deadLetter(handler, record, event, payload, e, maxAttempts));
    }

    /**
     * Applies one event exactly once for this handler: the inbox row and the effect commit together,
     * or, for a handler that dedupes by itself, the effect alone in its transaction.
     */
    Mono<Void> apply(EventHandler handler, CloudEvent event) {
        Mono<Boolean> once = handler.appliesOnceItself() ? Mono.defer(() -> handler.handle(event)).thenReturn(true)
                : inbox.markProcessed(handler.name(), event.id(), event.type())
                        .flatMap(first -> first ? handler.handle(event).thenReturn(true) : Mono.just(false));
        return tx.transactional(once)
                .doOnNext(applied -> {
                    if (!applied) {
                        log.debug("{} skipped duplicate event {}", handler.name(), event.id());
                    }
                })
                .then();
    }

    private Mono<Void> deadLetter(EventHandler handler, ReceiverRecord<String, byte[]> record, CloudEvent event,
                                  String payload, Throwable error, int attempts) {
        return TraceScope.run(() -> log.error("{} dead-lettered {}-{}@{}: {}", handler.name(), record.topic(),
                        record.partition(), record.offset(), error.toString()))
                .then(deadLetters.record(handler.name(), record.topic(), record.partition(), record.offset(), record.key(),
                        event == null ? null : event.id(), event == null ? null : event.type(), payload, error, attempts));
    }
}
