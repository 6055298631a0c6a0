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

    /** The session a saga of it locks first ({@code SagaDefinition.lockFirst}). */
    public static final String LOCK_FOR_SAGA = "SELECT id FROM coaching_session WHERE id = :aggregate FOR UPDATE";
    private static final String UPDATE = """
            UPDATE coaching_session SET status = :status, failure_reason = :reason, minutes_used = :used,
              actual_start_time = :actualStart, actual_end_time = :actualEnd, updated_at = :now
            WHERE id = :id""";
    /**
     * A session's students in invitation order, as a column of a statement on coaching_session. Only
     * for statements run once the session is locked (invitations lock it too): a locking read's own
     * subquery sees the snapshot from before its wait, which may miss an invitation committed meanwhile.
     */
    private static final String STUDENT_IDS = """
            ARRAY(SELECT p.student_id FROM coaching_session_participant p WHERE p.session_id = coaching_session.id
              ORDER BY p.id) AS student_ids""";

    private final DatabaseClient db;

    public CoachingSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores a new session, pending, with its whole window reserved, and its students invited in the order
     * given (distinct), in one statement; answers the session as stored. Its id comes from the column's
     * sequence in this very statement, since its Stream call id ({@code coaching_<id>_<uuid>}, as seed 000
     * shows it) contains the id.
     */
    public Mono<CoachingSession> insertPending(long tutorId, String title, String description,
                                               SessionTimes.Window window, List<Long> studentIds, Instant now,
                                               UUID sagaId) {
        return db.sql("""
                        WITH session AS (
                          INSERT INTO coaching_session (id, tutor_id, title, description, start_time, end_time,
                            duration_minutes, minutes_reserved, stream_call_id, status, created_at, updated_at, saga_id)
                          SELECT n.id, :tutor, :title, :description, :start, :end, :minutes, :minutes,
                            'coaching_' || n.id || '_' || :callKey, :status, :now, :now, :saga
                          FROM (SELECT nextval(pg_get_serial_sequence('coaching_session', 'id')) AS id) n
                          RETURNING *),
                        invited AS (
                          INSERT INTO coaching_session_participant (session_id, student_id, invited_at)
                          SELECT session.id, ids.student_id, :now
                          FROM session, unnest(CAST(:students AS BIGINT[])) WITH ORDINALITY AS ids(student_id, position)
                          ORDER BY ids.position)
                        SELECT * FROM session""")
                .bind("students", studentIds.toArray(Long[]::new))
                .bind("tutor", tutorId).bind("title", title)
                .bind("description", Parameter.fromOrEmpty(description, String.class))
                .bind("start", utc(window.start())).bind("end", utc(window.end()))
                .bind("minutes", window.durationMinutes()).bind("callKey", UUID.randomUUID().toString())
                .bind("status", SessionStatus.PENDING.value()).bind("now", utc(now)).bind("saga", sagaId)
                .map((row, meta) -> toSession(row)).one();
    }

    /** Stores the lifecycle fields of a session read under {@link #lock}. */
    public Mono<CoachingSession> update(CoachingSession s) {
        return bindUpdate(db.sql(UPDATE), s).fetch().rowsUpdated().thenReturn(s);
    }

    /** {@link #update}, answering the session's students in the order they were invited. Call under its lock. */
    public Mono<List<Long>> updateListingStudents(CoachingSession s) {
        return bindUpdate(db.sql(UPDATE + " RETURNING " + STUDENT_IDS), s)
                .map((row, meta) -> studentIds(row)).one();
    }

    /** A session as a statement stored it, with its students in the order they were invited. */
    public record WithStudents(CoachingSession session, List<Long> studentIds) {
    }

    /**
     * Moves a session the caller has locked from {@code from} to {@code to} ({@code reason} its failure
     * reason, null for none) and answers it as stored, with its students (see
     * {@link #updateListingStudents}); empty when it is no longer {@code from}.
     */
    public Mono<WithStudents> transition(long id, SessionStatus from, SessionStatus to, String reason, Instant now) {
        return db.sql("""
                        UPDATE coaching_session SET status = :to, failure_reason = :reason, updated_at = :now
                        WHERE id = :id AND status = :from""" + " RETURNING *, " + STUDENT_IDS)
                .bind("id", id).bind("from", from.value()).bind("to", to.value())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class)).bind("now", utc(now))
                .map((row, meta) -> new WithStudents(toSession(row), studentIds(row))).one();
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

    /** Locks the tutor's session for the rest of the transaction, so its changes apply one after another. */
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

    private static DatabaseClient.GenericExecuteSpec bindUpdate(DatabaseClient.GenericExecuteSpec spec,
                                                                CoachingSession s) {
        return spec.bind("id", s.id()).bind("status", s.status().value())
                .bind("reason", Parameter.fromOrEmpty(s.failureReason(), String.class))
                .bind("used", Parameter.fromOrEmpty(s.minutesUsed(), Integer.class))
                .bind("actualStart", Parameter.fromOrEmpty(utcOrNull(s.actualStartTime()), OffsetDateTime.class))
                .bind("actualEnd", Parameter.fromOrEmpty(utcOrNull(s.actualEndTime()), OffsetDateTime.class))
                .bind("now", utc(s.updatedAt()));
    }

    private static List<Long> studentIds(Readable row) {
        return List.of(row.get("student_ids", Long[].class));
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
