package io.coachwork.platform.outbox;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.jobs.BackgroundStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes outbox rows to Kafka. A batch is claimed with a short lease ({@code FOR UPDATE SKIP
 * LOCKED}, committed at once), sent outside any transaction, then marked published. A relay that
 * dies mid-batch leaves its lease to expire and another replica (or its restart) sends again:
 * delivery is at least once, and consumers dedupe by event id.
 */
public class OutboxRelay extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CLAIM = """
            UPDATE outbox_event SET claimed_until = now() + interval '30 seconds'
            WHERE id IN (SELECT id FROM outbox_event
                         WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                         ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id, seq, topic, message_key, payload, traceparent, correlation_id""";

    private final DatabaseClient db;
    private final KafkaSender<String, byte[]> sender;
    private final OutboxProperties properties;
    private final OutboxWakeup wakeup;

    public OutboxRelay(DatabaseClient db, KafkaSender<String, byte[]> sender, OutboxProperties properties,
                       OutboxWakeup wakeup) {
        this.db = db;
        this.sender = sender;
        this.properties = properties;
        this.wakeup = wakeup;
    }

    /**
     * Runs a pass when a commit of this instance wrote to the outbox, and on a slow poll for the
     * rest. Wakes during a pass collapse into one next pass (latest wins), so a burst of commits
     * costs a few batched passes, not one query per event; a full batch drains on at once.
     */
    @Override
    protected Disposable subscribe() {
        return Flux.merge(Flux.interval(Duration.ZERO, properties.pollInterval()).map(tick -> Boolean.TRUE),
                        wakeup.signals())
                .onBackpressureLatest()
                .concatMap(signal -> drain().onErrorResume(e -> {
                    log.warn("outbox relay pass failed, will retry: {}", e.toString());
                    return Mono.just(0);
                }), 1)
                .subscribe();
    }

    private Mono<Integer> drain() {
        return publishPending().flatMap(sent -> sent >= properties.batchSize()
                ? drain().map(more -> sent + more) : Mono.just(sent));
    }

    /** One pass: claims, sends in order, marks what the broker acknowledged. Returns how many were sent. */
    public Mono<Integer> publishPending() {
        return db.sql(CLAIM).bind("limit", properties.batchSize())
                .map((row, meta) -> new Pending(row.get("id", UUID.class), row.get("seq", Long.class),
                        row.get("topic", String.class), row.get("message_key", String.class),
                        row.get("payload", String.class), row.get("traceparent", String.class),
                        row.get("correlation_id", String.class)))
                .all()
                .collectList()
                .flatMap(this::send);
    }

    private Mono<Integer> send(List<Pending> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        batch.sort(Comparator.comparingLong(Pending::seq));
        Flux<SenderRecord<String, byte[], UUID>> records = Flux.fromIterable(batch).map(Pending::toRecord);
        return sender.send(records)
                .concatMap(result -> result.exception() == null ? Mono.just(result.correlationMetadata())
                        : Mono.error(result.exception()))
                .collectList()
                .flatMap(sent -> markPublished(sent).thenReturn(sent.size()));
    }

    private Mono<Void> markPublished(List<UUID> ids) {
        return db.sql("UPDATE outbox_event SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch().rowsUpdated().then();
    }

    private record Pending(UUID id, long seq, String topic, String key, String payload, String traceparent,
                           String correlationId) {

        SenderRecord<String, byte[], UUID> toRecord() {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload.getBytes(StandardCharsets.UTF_8));
            record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            if (traceparent != null) {
                record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
            }
            if (correlationId != null) {
                record.headers().add(new RecordHeader("correlation-id", correlationId.getBytes(StandardCharsets.UTF_8)));
            }
            return SenderRecord.create(record, id);
        }
    }
}
