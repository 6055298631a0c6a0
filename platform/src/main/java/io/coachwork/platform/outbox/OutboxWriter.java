package io.coachwork.platform.outbox;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.observability.TraceScope;
import io.coachwork.platform.web.CorrelationIdFilter;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Mono;

/**
 * Appends CloudEvents to the outbox. Call it inside the caller's {@code TransactionalOperator}
 * so the event commits with the state change it announces; the relay publishes it right after
 * the commit ({@link OutboxWakeup}).
 *
 * <p>Inside a transaction an event is written with the transaction's next statement that goes through
 * here ({@link #appendWith}, {@link #runWith}), or just before the commit: an event costs no round trip
 * of its own when a statement follows it. Outside one it is written at once.
 */
public class OutboxWriter {

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    private static final String INSERT = "INSERT INTO outbox_event (id, topic, message_key, event_type, payload, "
            + "traceparent, correlation_id, created_at) VALUES ";

    private final DatabaseClient db;
    private final EventCodec codec;
    private final Clock clock;
    private final String source;
    /** Resolved once: looking the bean up through the provider on every append cost ~3% of a saga's CPU. */
    private final Supplier<Optional<Tracer>> tracer;
    private final OutboxWakeup wakeup;

    public OutboxWriter(DatabaseClient db, EventCodec codec, Clock clock, String applicationName,
                        ObjectProvider<Tracer> tracer, OutboxWakeup wakeup) {
        this.db = db;
        this.wakeup = wakeup;
        this.codec = codec;
        this.clock = clock;
        this.source = "/coachwork/" + applicationName;
        this.tracer = SingletonSupplier.of(() -> Optional.ofNullable(tracer.getIfAvailable()));
    }

    /** Appends an event about {@code aggregateId} (also the Kafka key, so one aggregate stays ordered). */
    public Mono<CloudEvent> append(String topic, String aggregateId, String type, Object data) {
        return appendWith(null, topic, aggregateId, type, data);
    }

    /**
     * Appends an event in the same statement as the change it announces: {@code change} runs first, as a
     * data-modifying WITH query of the outbox insert. One round trip instead of two, still inside the
     * caller's transaction.
     */
    public Mono<CloudEvent> appendWith(Change change, String topic, String aggregateId, String type, Object data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type,
                aggregateId, clock.instant().truncatedTo(ChronoUnit.MILLIS), CloudEvent.DATA_CONTENT_TYPE,
                codec.toTree(data));
        return write(change, topic, aggregateId, type, codec.write(event)).thenReturn(event);
    }

    /** Appends an already-serialised record (dead letters and replays keep their original bytes). */
    public Mono<Void> appendRaw(String topic, String key, String type, String payload) {
        return write(null, topic, key, type, payload);
    }

    /**
     * Runs a data-modifying statement, with the events this transaction appended before it written by the
     * same statement.
     */
    public Mono<Void> runWith(Change change) {
        return transaction().flatMap(tx -> execute(change, tx.map(this::kept).orElse(List.of())));
    }

    /**
     * A data-modifying statement to run with an append. Its parameters must not start with {@code outbox_},
     * the insert's own; it may not reference the outbox row.
     */
    public record Change(String sql, UnaryOperator<DatabaseClient.GenericExecuteSpec> binds) {
    }

    /** One outbox row, with the trace and correlation of the request that appended it. */
    private record Row(String topic, String key, String type, String payload, String traceparent, String correlationId) {
    }

    private Mono<Void> write(Change change, String topic, String key, String type, String payload) {
        return Mono.deferContextual(ctx -> {
            // The span is read from the subscriber's context: Reactor does not restore thread locals on every hop.
            String trace;
            try (ContextSnapshot.Scope ignored = TraceScope.open(ctx)) {
                trace = traceparent();
            }
            Row row = new Row(topic, key, type, payload, trace,
                    ctx.<String>getOrEmpty(CorrelationIdFilter.CONTEXT_KEY).orElse(null));
            return transaction().flatMap(tx -> {
                if (tx.isPresent() && change == null) {
                    keep(tx.get(), row);
                    return Mono.<Void>empty();
                }
                List<Row> rows = new ArrayList<>(tx.map(this::kept).orElse(List.of()));
                rows.add(row);
                return execute(change, rows);
            })
                    .then(log.isDebugEnabled() ? TraceScope.run(() -> log.debug("appended {} for {} to the outbox of {}",
                            type, key, topic)) : Mono.empty())
                    .then(wakeup.afterCommit());
        });
    }

    /** The current transaction's synchronization; empty outside a transaction. */
    private static Mono<Optional<TransactionSynchronizationManager>> transaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .map(sync -> sync.isSynchronizationActive() ? Optional.of(sync)
                        : Optional.<TransactionSynchronizationManager>empty())
                .onErrorResume(NoTransactionException.class, e -> Mono.just(Optional.empty()));
    }

    /**
     * The transaction's kept events, looked up among its own synchronizations, so a suspended outer
     * transaction never receives an inner one's events; null when it kept none.
     */
    private Pending pending(TransactionSynchronizationManager tx) {
        for (TransactionSynchronization registered : tx.getSynchronizations()) {
            if (registered instanceof Pending pending && pending.writer == this) {
                return pending;
            }
        }
        return null;
    }

    private void keep(TransactionSynchronizationManager tx, Row row) {
        Pending pending = pending(tx);
        if (pending == null) {
            pending = new Pending(this);
            tx.registerSynchronization(pending);
        }
        pending.rows.add(row);
    }

    /** The events the transaction kept so far, handed over to the statement about to run. */
    private List<Row> kept(TransactionSynchronizationManager tx) {
        Pending pending = pending(tx);
        return pending == null ? List.of() : pending.drain();
    }

    /** Runs {@code change} (may be null) and inserts {@code rows} (may be empty) in one statement. */
    private Mono<Void> execute(Change change, List<Row> rows) {
        if (rows.isEmpty()) {
            return change == null ? Mono.empty() : change.binds().apply(db.sql(change.sql())).fetch().rowsUpdated().then();
        }
        StringBuilder sql = new StringBuilder(change == null ? "" : "WITH change AS (" + change.sql() + ") ").append(INSERT);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:outbox_id%1$d, :outbox_topic%1$d, :outbox_key%1$d, :outbox_type%1$d, "
                    .formatted(i)).append(":outbox_payload%1$d, :outbox_trace%1$d, :outbox_corr%1$d, :outbox_at)".formatted(i));
        }
        DatabaseClient.GenericExecuteSpec insert = db.sql(sql.toString())
                .bind("outbox_at", clock.instant().atOffset(ZoneOffset.UTC));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            insert = insert.bind("outbox_id" + i, UUID.randomUUID())
                    .bind("outbox_topic" + i, row.topic())
                    .bind("outbox_key" + i, row.key())
                    .bind("outbox_type" + i, row.type())
                    .bind("outbox_payload" + i, row.payload())
                    .bind("outbox_trace" + i, Parameter.fromOrEmpty(row.traceparent(), String.class))
                    .bind("outbox_corr" + i, Parameter.fromOrEmpty(row.correlationId(), String.class));
        }
        return (change == null ? insert : change.binds().apply(insert)).fetch().rowsUpdated().then();
    }

    /** The events one transaction appended and has not written yet; written just before it commits. */
    private static final class Pending implements TransactionSynchronization {

        private final OutboxWriter writer;
        private final List<Row> rows = new ArrayList<>();

        private Pending(OutboxWriter writer) {
            this.writer = writer;
        }

        private List<Row> drain() {
            List<Row> drained = List.copyOf(rows);
            rows.clear();
            return drained;
        }

        @Override
        public Mono<Void> beforeCommit(boolean readOnly) {
            return Mono.defer(() -> writer.execute(null, drain()));
        }
    }

    /** W3C trace context of the current span, so a consumer's work joins the producer's trace. */
    private String traceparent() {
        Span span = tracer.get().map(Tracer::currentSpan).orElse(null);
        if (span == null) {
            return null;
        }
        return "00-" + span.context().traceId() + "-" + span.context().spanId() + "-"
                + (Boolean.TRUE.equals(span.context().sampled()) ? "01" : "00");
    }
}
