package io.coachwork.platform.saga;

import io.coachwork.platform.outbox.OutboxWriter;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code saga_instance} and {@code saga_reply} tables of the owning service; data stays JSON text here. */
class SagaStore {

    /** A stored row before its data is bound to the definition's type. */
    record Row(UUID sagaId, String type, SagaState state, String step, String data, int attempts,
               Instant nextAttemptAt, Instant stepDeadline, String failure, Instant createdAt, Instant updatedAt) {
    }

    private static final String COLUMNS = "saga_id, saga_type, state, step, data::text AS data, attempts, "
            + "next_attempt_at, step_deadline, failure, created_at, updated_at";

    /** The states that wait for a reply, as SQL literals. */
    private static final String WAITING_FOR_REPLY = Arrays.stream(SagaState.values())
            .filter(SagaState::waitingForReply).map(state -> "'" + state.value() + "'")
            .collect(Collectors.joining(", "));

    private static final String INSERT = """
            INSERT INTO saga_instance (saga_id, saga_type, state, step, data, attempts, next_attempt_at,
              step_deadline, failure, created_at, updated_at)
            VALUES (:id, :type, :state, :step, CAST(:data AS jsonb), :attempts, :next, :deadline, :failure,
              :created, :updated)""";
    private static final String UPDATE = """
            UPDATE saga_instance SET state = :state, step = :step, data = CAST(:data AS jsonb),
              attempts = :attempts, next_attempt_at = :next, step_deadline = :deadline, failure = :failure,
              updated_at = :updated
            WHERE saga_id = :id""";

    private final DatabaseClient db;

    SagaStore(DatabaseClient db) {
        this.db = db;
    }

    /** The insert of a new saga, to run on its own or with the command it sends ({@link OutboxWriter#appendWith}). */
    OutboxWriter.Change inserting(Row row) {
        return new OutboxWriter.Change(INSERT, spec -> bindState(spec, row).bind("type", row.type())
                .bind("created", utc(row.createdAt())));
    }

    /** The update of a saga's state, to run with the command it sends or the events its transaction appended. */
    OutboxWriter.Change updating(Row row) {
        return new OutboxWriter.Change(UPDATE, spec -> bindState(spec, row));
    }

    private static DatabaseClient.GenericExecuteSpec bindState(DatabaseClient.GenericExecuteSpec spec, Row row) {
        return spec.bind("id", row.sagaId()).bind("state", row.state().value())
                .bind("step", row.step()).bind("data", row.data()).bind("attempts", row.attempts())
                .bind("next", utc(row.nextAttemptAt())).bind("deadline", utc(row.stepDeadline()))
                .bind("failure", Parameter.fromOrEmpty(row.failure(), String.class))
                .bind("updated", utc(row.updatedAt()));
    }

    Mono<Row> find(UUID sagaId) {
        return db.sql("SELECT " + COLUMNS + " FROM saga_instance WHERE saga_id = :id").bind("id", sagaId)
                .map((row, meta) -> toRow(row)).one();
    }

    /**
     * The statement of a saga's owning aggregate to lock before the saga row ({@link SagaDefinition}'s
     * {@code lockFirst}), with its key.
     */
    record AggregateLock(String sql, Object key) {
    }

    /** Locks the saga, after its aggregate when it has one ({@code aggregate} may be null). */
    Mono<Row> lock(UUID sagaId, AggregateLock aggregate) {
        return lockingSaga(aggregate, sagaId, " SELECT " + COLUMNS + " FROM locked_saga")
                .map((row, meta) -> toRow(row)).one();
    }

    /** A saga locked for a reply, and whether that reply is its step's first. */
    record LockedReply(Row saga, boolean first) {
    }

    /**
     * Locks the saga (after its aggregate, when it has one) and records a reply to one of its steps in one
     * statement: the step's first reply is kept, marked applied when the saga was waiting on that step.
     * Empty for an unknown saga.
     */
    Mono<LockedReply> lockAndRecordReply(UUID sagaId, AggregateLock aggregate, String step, String replyType,
                                         String payload, Instant now) {
        return lockingSaga(aggregate, sagaId, """
                        , recorded AS (
                          INSERT INTO saga_reply (saga_id, step, reply_type, payload, applied, received_at)
                          SELECT saga_id, :step, :type, :payload, state IN (%s) AND step = :step, :now FROM locked_saga
                          ON CONFLICT (saga_id, step) DO NOTHING
                          RETURNING 1)
                        SELECT %s, EXISTS (SELECT 1 FROM recorded) AS first_reply FROM locked_saga"""
                        .formatted(WAITING_FOR_REPLY, COLUMNS))
                .bind("step", step).bind("type", replyType).bind("payload", payload).bind("now", utc(now))
                .map((row, meta) -> new LockedReply(toRow(row), Boolean.TRUE.equals(row.get("first_reply", Boolean.class))))
                .one();
    }

    /**
     * A statement that first locks the saga as {@code locked_saga}, then goes on with {@code rest}. With an
     * aggregate, its lock runs first in the same statement: the saga's filter counts the aggregate's locked
     * rows, a sub-plan PostgreSQL runs once before it reads the saga row, so the lock order holds at no
     * round trip of its own.
     */
    private DatabaseClient.GenericExecuteSpec lockingSaga(AggregateLock aggregate, UUID sagaId, String rest) {
        String sql = aggregate == null
                ? "WITH locked_saga AS (SELECT * FROM saga_instance WHERE saga_id = :id FOR UPDATE)" + rest
                : "WITH aggregate AS (" + aggregate.sql() + "), locked_saga AS (SELECT * FROM saga_instance "
                + "WHERE saga_id = :id AND (SELECT count(*) FROM aggregate) >= 0 FOR UPDATE)" + rest;
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("id", sagaId);
        return aggregate == null ? spec : spec.bind("aggregate", aggregate.key());
    }

    /**
     * Claims sagas whose command is due again by pushing their next attempt a lease ahead, in one
     * statement that commits on its own: the caller then works on each claimed saga in its own
     * transaction, never inside this result stream, and a replica that dies mid-batch leaves the
     * lease to expire.
     */
    Mono<List<Row>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return db.sql("""
                        UPDATE saga_instance SET next_attempt_at = :lease
                        WHERE saga_id IN (SELECT saga_id FROM saga_instance
                                          WHERE state IN ('awaiting', 'compensating') AND next_attempt_at <= :now
                                          ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        """ + "RETURNING " + COLUMNS)
                .bind("now", utc(now)).bind("lease", utc(leaseUntil)).bind("limit", limit)
                .map((row, meta) -> toRow(row)).all().collectList();
    }

    Flux<Row> list(Collection<SagaState> states, boolean stuckOnly, Instant now, int limit, long offset) {
        return filtered("SELECT " + COLUMNS + " FROM saga_instance WHERE ", stuckOnly,
                " ORDER BY updated_at DESC, saga_id LIMIT :limit OFFSET :offset", states, now)
                .bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toRow(row)).all();
    }

    Mono<Long> count(Collection<SagaState> states, boolean stuckOnly, Instant now) {
        return filtered("SELECT count(*) AS n FROM saga_instance WHERE ", stuckOnly, "", states, now)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Stuck: still waiting for a reply after a resend, or past its step's deadline. */
    private DatabaseClient.GenericExecuteSpec filtered(String head, boolean stuckOnly, String tail,
                                                       Collection<SagaState> states, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(head + "state = ANY(:states)"
                        + (stuckOnly ? " AND (attempts > 1 OR step_deadline <= :now)" : "") + tail)
                .bind("states", states.stream().map(SagaState::value).toArray(String[]::new));
        return stuckOnly ? spec.bind("now", now.atOffset(ZoneOffset.UTC)) : spec;
    }

    private static Object utc(Instant instant) {
        return instant == null ? Parameter.empty(OffsetDateTime.class) : Parameter.from(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Row toRow(Readable row) {
        return new Row(row.get("saga_id", UUID.class), row.get("saga_type", String.class),
                SagaState.of(row.get("state", String.class)), row.get("step", String.class),
                row.get("data", String.class), row.get("attempts", Integer.class),
                instant(row.get("next_attempt_at", OffsetDateTime.class)),
                instant(row.get("step_deadline", OffsetDateTime.class)), row.get("failure", String.class),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }
}
