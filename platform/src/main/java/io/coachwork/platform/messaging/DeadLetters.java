package io.coachwork.platform.messaging;

import io.coachwork.contracts.Topics;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores records that exhausted their retries, publishes them to {@code <topic>.dlt} through the
 * outbox, and replays them to their original topic on an admin's request.
 */
public class DeadLetters {

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public DeadLetters(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Void> record(String consumer, String topic, int partition, long offset, String key, String eventId,
                             String eventType, String payload, Throwable error, int attempts) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        Mono<Void> store = db.sql("INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, message_key, "
                        + "event_id, event_type, payload, error, attempts, failed_at) "
                        + "VALUES (:consumer, :topic, :partition, :offset, :key, :eventId, :eventType, :payload, :error, :attempts, :at) "
                        + "ON CONFLICT (consumer, topic, kafka_partition, kafka_offset) DO NOTHING")
                .bind("consumer", consumer).bind("topic", topic).bind("partition", partition).bind("offset", offset)
                .bind("key", nullable(key)).bind("eventId", nullable(eventId)).bind("eventType", nullable(eventType))
                .bind("payload", payload).bind("error", message).bind("attempts", attempts)
                .bind("at", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.empty()
                        : outbox.appendRaw(Topics.deadLetter(topic), key == null ? consumer : key,
                                eventType == null ? "unknown" : eventType, payload));
        return tx.transactional(store).then();
    }

    public Flux<DeadLetter> list(PageQuery page, boolean includeReplayed) {
        return db.sql("SELECT * FROM dead_letter WHERE (:all OR replayed_at IS NULL) ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("all", includeReplayed).bind("limit", page.limit()).bind("offset", page.offset())
                .map(DeadLetters::toDeadLetter)
                .all();
    }

    public Mono<Long> count(boolean includeReplayed) {
        return db.sql("SELECT count(*) AS n FROM dead_letter WHERE (:all OR replayed_at IS NULL)")
                .bind("all", includeReplayed)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /**
     * Sends the original record back to its topic. Consumers that already applied it skip it by
     * their inbox; the one that failed gets another go.
     */
    public Mono<DeadLetter> replay(long id) {
        Mono<DeadLetter> replay = db.sql("UPDATE dead_letter SET replayed_at = :at WHERE id = :id AND replayed_at IS NULL "
                        + "RETURNING topic, message_key, event_type, payload")
                .bind("at", clock.instant().atOffset(java.time.ZoneOffset.UTC)).bind("id", id)
                .map((row, meta) -> new String[]{row.get("topic", String.class), row.get("message_key", String.class),
                        row.get("event_type", String.class), row.get("payload", String.class)})
                .one()
                .switchIfEmpty(Mono.error(ApiException.notFound("Dead letter " + id + " not found or already replayed")))
                .flatMap(r -> outbox.appendRaw(r[0], r[1] == null ? String.valueOf(id) : r[1],
                        r[2] == null ? "unknown" : r[2], r[3]))
                .then(findById(id));
        return tx.transactional(replay);
    }

    private Mono<DeadLetter> findById(long id) {
        return db.sql("SELECT * FROM dead_letter WHERE id = :id").bind("id", id)
                .map(DeadLetters::toDeadLetter)
                .one();
    }

    private static DeadLetter toDeadLetter(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata meta) {
        return new DeadLetter(row.get("id", Long.class), row.get("consumer", String.class),
                        row.get("topic", String.class), row.get("kafka_partition", Integer.class),
                        row.get("kafka_offset", Long.class), row.get("message_key", String.class),
                        row.get("event_id", String.class), row.get("event_type", String.class),
                        row.get("payload", String.class), row.get("error", String.class),
                        row.get("attempts", Integer.class), instant(row.get("failed_at", OffsetDateTime.class)),
                        instant(row.get("replayed_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static org.springframework.r2dbc.core.Parameter nullable(String value) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
    }
}
