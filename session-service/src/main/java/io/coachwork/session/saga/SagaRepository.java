package io.coachwork.session.saga;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class SagaRepository {

    private final DatabaseClient db;

    public SagaRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<SagaStep> insert(SagaStep s) {
        return db.sql("""
                        INSERT INTO session_saga (saga_id, session_id, tutor_id, step, minutes, state, attempts,
                          last_sent_at, created_at)
                        VALUES (:id, :session, :tutor, :step, :minutes, :state, :attempts, :sent, :created)""")
                .bind("id", s.sagaId()).bind("session", s.sessionId()).bind("tutor", s.tutorId())
                .bind("step", s.step().value()).bind("minutes", Parameter.fromOrEmpty(s.minutes(), Integer.class))
                .bind("state", s.state().value()).bind("attempts", s.attempts())
                .bind("sent", utc(s.lastSentAt())).bind("created", utc(s.createdAt()))
                .fetch().rowsUpdated().thenReturn(s);
    }

    /**
     * Records the first reply to a step; empty when the step already has one (a duplicate) or is
     * unknown. An abandoned step keeps its state: the reply is kept for the record only.
     */
    public Mono<SagaStep> recordReply(UUID sagaId, SagaStep.State outcome, String replyType, String reply, Instant now) {
        return db.sql("""
                        UPDATE session_saga SET state = CASE WHEN state = 'abandoned' THEN state ELSE :state END,
                          reply_type = :type, reply = :reply, replied_at = :now
                        WHERE saga_id = :id AND replied_at IS NULL
                        RETURNING *""")
                .bind("id", sagaId).bind("state", outcome.value()).bind("type", replyType).bind("reply", reply)
                .bind("now", utc(now))
                .map((row, meta) -> toStep(row)).one();
    }

    /** Stops resending a session's unanswered reservation (it was cancelled meanwhile). */
    public Mono<Void> abandonAwaiting(long sessionId, SagaStep.Step step) {
        return db.sql("UPDATE session_saga SET state = 'abandoned' WHERE session_id = :s AND step = :step "
                        + "AND state = 'awaiting_reply'")
                .bind("s", sessionId).bind("step", step.value())
                .fetch().rowsUpdated().then();
    }

    /** Unanswered steps last sent before {@code sentBefore}, locked; other replicas skip them. Call inside a transaction. */
    public Flux<SagaStep> claimUnanswered(Instant sentBefore, int limit) {
        return db.sql("""
                        SELECT * FROM session_saga WHERE state = 'awaiting_reply' AND last_sent_at <= :before
                        ORDER BY last_sent_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("before", utc(sentBefore)).bind("limit", limit)
                .map((row, meta) -> toStep(row)).all();
    }

    public Mono<Void> markResent(UUID sagaId, Instant now) {
        return db.sql("UPDATE session_saga SET attempts = attempts + 1, last_sent_at = :now WHERE saga_id = :id")
                .bind("id", sagaId).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static SagaStep toStep(Readable row) {
        return new SagaStep(row.get("saga_id", UUID.class), row.get("session_id", Long.class),
                row.get("tutor_id", Long.class), SagaStep.Step.of(row.get("step", String.class)),
                row.get("minutes", Integer.class), SagaStep.State.of(row.get("state", String.class)),
                row.get("attempts", Integer.class), instant(row.get("last_sent_at", OffsetDateTime.class)),
                row.get("reply_type", String.class), instant(row.get("replied_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)));
    }
}
