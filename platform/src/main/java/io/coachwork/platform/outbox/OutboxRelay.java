package io.coachwork.platform.outbox;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.jobs.BackgroundStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes outbox rows to Kafka. A batch is claimed with a short lease ({@code FOR UPDATE SKIP
 * LOCKED}, committed at once), sent outside any transaction, then marked published. A relay that
 * dies mid-batch leaves its lease to expire and another replica (or its restart) sends again:
 * delivery is at least once, and consumers dedupe by event id.
 *
 * <p>When another pass is already due (a full batch, or a commit that woke the relay during this pass),
 * the sent rows are marked by that pass's claim statement instead of one of their own: under load every
 * pass is then one statement, not two. The lease keeps them from being claimed again meanwhile; a relay
 * stopped in between leaves them to be sent again when the lease expires, like a relay that dies mid-batch.
 */
public class OutboxRelay extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String MARK_AND_CLAIM = """
            WITH published AS (UPDATE outbox_event SET published_at = now() WHERE id = ANY(:sent))
            UPDATE outbox_event SET claimed_until = now() + interval '30 seconds'
            WHERE id IN (SELECT id FROM outbox_event
                         WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                           AND id <> ALL(:sent)
                         ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id, seq, topic, message_key, payload, traceparent, correlation_id""";
    private static final UUID[] NONE = new UUID[0];

    private final DatabaseClient db;
    private final KafkaSender<String, byte[]> sender;
    private final OutboxProperties properties;
    private final OutboxWakeup wakeup;
    /** Set by every wake and poll tick; a pass clears it when it starts, so "set" at its end means another pass is queued. */
    private final AtomicBoolean passQueued = new AtomicBoolean();
    /** Sent but not yet marked published; only the (serialised) passes read and write it. */
    private volatile UUID[] unmarked = NONE;

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
                .doOnNext(signal -> passQueued.set(true))
                .onBackpressureLatest()
                .concatMap(signal -> pass().onErrorResume(e -> {
                    log.warn("outbox relay pass failed, will retry: {}", e.toString());
                    return Mono.just(0);
                }), 1)
                .subscribe();
    }

    private Mono<Integer> pass() {
        return Mono.defer(() -> {
            passQueued.set(false);
            return drain();
        });
    }

    /** Claims and sends until a batch comes back short; marks the last batch now unless another pass is queued. */
    private Mono<Integer> drain() {
        return claimAndSend().flatMap(sent -> {
            if (sent >= properties.batchSize()) {
                return drain().map(more -> sent + more);
            }
            return passQueued.get() ? Mono.just(sent) : markUnmarked().thenReturn(sent);
        });
    }

    /** Marks the previous batch, claims the next, sends it in order. Returns how many were sent. */
    private Mono<Integer> claimAndSend() {
        UUID[] marking = unmarked;
        return db.sql(MARK_AND_CLAIM).bind("sent", marking).bind("limit", properties.batchSize())
                .map((row, meta) -> new Pending(row.get("id", UUID.class), row.get("seq", Long.class),
                        row.get("topic", String.class), row.get("message_key", String.class),
                        row.get("payload", String.class), row.get("traceparent", String.class),
                        row.get("correlation_id", String.class)))
                .all()
                .collectList()
                .doOnNext(claimed -> unmarked = NONE)
                .flatMap(this::send);
    }

    /**
     * Sends in seq order. Off the thread the claim answered on: that is an R2DBC event loop, which
     * also serves HTTP, and KafkaProducer.send blocks while it waits for a topic's metadata (a new
     * topic, a broker away: up to max.block.ms), as does creating the producer on the first send.
     * A send held there stalls every request on that loop (the likely cause of a GET that waited 30 s in CI).
     */
    Mono<Integer> send(List<Pending> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        batch.sort(Comparator.comparingLong(Pending::seq));
        Flux<SenderRecord<String, byte[], UUID>> records = Flux.fromIterable(batch).map(Pending::toRecord);
        return sender.send(records)
                .subscribeOn(Schedulers.boundedElastic())
                .concatMap(result -> result.exception() == null ? Mono.just(result.correlationMetadata())
                        : Mono.error(result.exception()))
                .collectList()
                .map(sent -> {
                    unmarked = sent.toArray(UUID[]::new);
                    return sent.size();
                });
    }

    private Mono<Void> markUnmarked() {
        if (unmarked.length == 0) {
            return Mono.empty();
        }
        UUID[] marking = unmarked;
        return db.sql("UPDATE outbox_event SET published_at = now() WHERE id = ANY(:ids)").bind("ids", marking)
                .fetch().rowsUpdated()
                .doOnNext(marked -> unmarked = NONE)
                .then();
    }

    record Pending(UUID id, long seq, String topic, String key, String payload, String traceparent,
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
