package io.coachwork.session.coaching;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class CoachingSessionRepository {

    private final DatabaseClient db;

    public CoachingSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The next id, taken before the insert because the Stream call id contains it. */
    public Mono<Long> nextId() {
        return db.sql("SELECT nextval(pg_get_serial_sequence('coaching_session', 'id')) AS id")
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<CoachingSession> insert(CoachingSession s) {
        return db.sql("""
                        INSERT INTO coaching_session (id, tutor_id, title, description, start_time, end_time,
                          duration_minutes, minutes_reserved, stream_call_id, status, created_at, updated_at, saga_id)
                        VALUES (:id, :tutor, :title, :description, :start, :end, :duration, :reserved, :call,
                          :status, :now, :now, :saga)""")
                .bind("id", s.id()).bind("tutor", s.tutorId()).bind("title", s.title())
                .bind("description", Parameter.fromOrEmpty(s.description(), String.class))
                .bind("start", utc(s.startTime())).bind("end", utc(s.endTime()))
                .bind("duration", s.durationMinutes()).bind("reserved", s.minutesReserved())
                .bind("call", s.streamCallId()).bind("status", s.status().value()).bind("now", utc(s.createdAt()))
                .bind("saga", Parameter.fromOrEmpty(s.sagaId(), UUID.class))
                .fetch().rowsUpdated().thenReturn(s);
    }

    /** Stores the lifecycle fields of a session read under {@link #lock}. */
    public Mono<CoachingSession> update(CoachingSession s) {
        return db.sql("""
                        UPDATE coaching_session SET status = :status, failure_reason = :reason, minutes_used = :used,
                          actual_start_time = :actualStart, actual_end_time = :actualEnd, updated_at = :now
                        WHERE id = :id""")
                .bind("id", s.id()).bind("status", s.status().value())
                .bind("reason", Parameter.fromOrEmpty(s.failureReason(), String.class))
                .bind("used", Parameter.fromOrEmpty(s.minutesUsed(), Integer.class))
                .bind("actualStart", Parameter.fromOrEmpty(utcOrNull(s.actualStartTime()), OffsetDateTime.class))
                .bind("actualEnd", Parameter.fromOrEmpty(utcOrNull(s.actualEndTime()), OffsetDateTime.class))
                .bind("now", utc(s.updatedAt()))
                .fetch().rowsUpdated().thenReturn(s);
    }

    /** Records the saga started for a session stored before sagas existed. */
    public Mono<Void> attachSaga(long id, UUID sagaId) {
        return db.sql("UPDATE coaching_session SET saga_id = :saga WHERE id = :id").bind("id", id).bind("saga", sagaId)
                .fetch().rowsUpdated().then();
    }

    public Mono<CoachingSession> find(long id) {
        return db.sql("SELECT * FROM coaching_session WHERE id = :id").bind("id", id)
                .map((row, meta) -> toSession(row)).one();
    }

    public Mono<CoachingSession> findOwned(long id, long tutorId) {
        return db.sql("SELECT * FROM coaching_session WHERE id = :id AND tutor_id = :tutor")
                .bind("id", id).bind("tutor", tutorId)
                .map((row, meta) -> toSession(row)).one();
    }

    /** Locks the session for the rest of the transaction, so its changes apply one after another. */
    public Mono<CoachingSession> lock(long id) {
        return db.sql("SELECT * FROM coaching_session WHERE id = :id FOR UPDATE").bind("id", id)
                .map((row, meta) -> toSession(row)).one();
    }

    public Mono<CoachingSession> lockOwned(long id, long tutorId) {
        return db.sql("SELECT * FROM coaching_session WHERE id = :id AND tutor_id = :tutor FOR UPDATE")
                .bind("id", id).bind("tutor", tutorId)
                .map((row, meta) -> toSession(row)).one();
    }

    public Flux<CoachingSession> listByTutor(long tutorId, Collection<SessionStatus> statuses, int limit, long offset) {
        return db.sql("""
                        SELECT * FROM coaching_session WHERE tutor_id = :tutor AND status = ANY(:statuses)
                        ORDER BY start_time DESC, id DESC LIMIT :limit OFFSET :offset""")
                .bind("tutor", tutorId).bind("statuses", values(statuses))
                .bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toSession(row)).all();
    }

    public Mono<Long> countByTutor(long tutorId, Collection<SessionStatus> statuses) {
        return db.sql("SELECT count(*) AS n FROM coaching_session WHERE tutor_id = :tutor AND status = ANY(:statuses)")
                .bind("tutor", tutorId).bind("statuses", values(statuses))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    public Flux<CoachingSession> listByStudent(long studentId, Collection<SessionStatus> statuses, int limit,
                                               long offset) {
        return db.sql("""
                        SELECT s.* FROM coaching_session s
                        JOIN coaching_session_participant p ON p.session_id = s.id AND p.student_id = :student
                        WHERE s.status = ANY(:statuses)
                        ORDER BY s.start_time DESC, s.id DESC LIMIT :limit OFFSET :offset""")
                .bind("student", studentId).bind("statuses", values(statuses))
                .bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toSession(row)).all();
    }

    public Mono<Long> countByStudent(long studentId, Collection<SessionStatus> statuses) {
        return db.sql("""
                        SELECT count(*) AS n FROM coaching_session s
                        JOIN coaching_session_participant p ON p.session_id = s.id AND p.student_id = :student
                        WHERE s.status = ANY(:statuses)""")
                .bind("student", studentId).bind("statuses", values(statuses))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /**
     * Active sessions whose end is within {@code horizon} (warnings or auto-end may be due), after
     * {@code afterId}, locked; other replicas running the tracker skip them. Call inside a transaction.
     * The batch is read to the end before the caller writes: one connection runs one query at a time,
     * and a write issued while this result still streams leaves the transaction hung, holding the rows.
     */
    public Mono<List<CoachingSession>> claimActiveEndingBefore(Instant horizon, long afterId, int limit) {
        return db.sql("""
                        SELECT * FROM coaching_session WHERE status = 'active' AND end_time <= :horizon AND id > :after
                        ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("horizon", utc(horizon)).bind("after", afterId).bind("limit", limit)
                .map((row, meta) -> toSession(row)).all().collectList();
    }

    /** Scheduled sessions whose end time passed without a start, locked and read whole; other replicas skip them. */
    public Mono<List<CoachingSession>> claimScheduledEndedBefore(Instant now, long afterId, int limit) {
        return db.sql("""
                        SELECT * FROM coaching_session WHERE status = 'scheduled' AND end_time <= :now AND id > :after
                        ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("after", afterId).bind("limit", limit)
                .map((row, meta) -> toSession(row)).all().collectList();
    }

    private static String[] values(Collection<SessionStatus> statuses) {
        return statuses.stream().map(SessionStatus::value).toArray(String[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static CoachingSession toSession(Readable row) {
        return new CoachingSession(row.get("id", Long.class), row.get("tutor_id", Long.class),
                row.get("title", String.class), row.get("description", String.class),
                instant(row.get("start_time", OffsetDateTime.class)), instant(row.get("end_time", OffsetDateTime.class)),
                row.get("duration_minutes", Integer.class), row.get("minutes_reserved", Integer.class),
                row.get("minutes_used", Integer.class), row.get("stream_call_id", String.class),
                SessionStatus.of(row.get("status", String.class)), row.get("failure_reason", String.class),
                instant(row.get("actual_start_time", OffsetDateTime.class)),
                instant(row.get("actual_end_time", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)),
                row.get("saga_id", UUID.class));
    }
}
