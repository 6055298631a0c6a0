package io.coachwork.session.teaching.persistence;

import io.coachwork.session.teaching.domain.NoShow;
import io.coachwork.session.teaching.domain.SessionType;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.domain.TeachingStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.session.teaching.persistence.Rows.instant;
import static io.coachwork.session.teaching.persistence.Rows.utc;
import static io.coachwork.session.teaching.persistence.Rows.utcOrNull;

@Repository
public class TeachingSessionRepository {

    private final DatabaseClient db;

    public TeachingSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the session unless its id or its slot already has one; true when this call created it. */
    public Mono<Boolean> insertIfAbsent(TeachingSession s) {
        return db.sql("""
                        INSERT INTO teaching_session (id, slot_id, tutor_id, session_type, max_participants, title,
                          starts_at, ends_at, timezone, status, channel_name, created_at, updated_at)
                        VALUES (:id, :slot, :tutor, :type, :max, :title, :starts, :ends, :tz, :status, :channel, :now, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("id", s.id()).bind("slot", s.slotId()).bind("tutor", s.tutorId()).bind("type", s.type().name())
                .bind("max", s.maxParticipants()).bind("title", s.title()).bind("starts", utc(s.startsAt()))
                .bind("ends", utc(s.endsAt())).bind("tz", s.timezone()).bind("status", s.status().name())
                .bind("channel", s.channelName()).bind("now", utc(s.createdAt()))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<TeachingSession> find(UUID id) {
        return db.sql("SELECT * FROM teaching_session WHERE id = :id").bind("id", id)
                .map((row, meta) -> toSession(row)).one();
    }

    /** Locks the session for the rest of the transaction, so its changes apply one after another. */
    public Mono<TeachingSession> lock(UUID id) {
        return db.sql("SELECT * FROM teaching_session WHERE id = :id FOR UPDATE").bind("id", id)
                .map((row, meta) -> toSession(row)).one();
    }

    /** Stores the lifecycle fields of a session read under {@link #lock}. */
    public Mono<TeachingSession> update(TeachingSession s) {
        return db.sql("""
                        UPDATE teaching_session SET status = :status, no_show = :noShow, cancel_reason = :reason,
                          started_at = :started, completed_at = :completed, updated_at = :now
                        WHERE id = :id""")
                .bind("id", s.id()).bind("status", s.status().name())
                .bind("noShow", Parameter.fromOrEmpty(s.noShow() == null ? null : s.noShow().name(), String.class))
                .bind("reason", Parameter.fromOrEmpty(s.cancelReason(), String.class))
                .bind("started", Parameter.fromOrEmpty(utcOrNull(s.startedAt()), OffsetDateTime.class))
                .bind("completed", Parameter.fromOrEmpty(utcOrNull(s.completedAt()), OffsetDateTime.class))
                .bind("now", utc(s.updatedAt()))
                .fetch().rowsUpdated().thenReturn(s);
    }

    /**
     * Open sessions the lifecycle job may have to close at {@code now} (unstarted past the tutor
     * no-show cutoff, or running past their end), after {@code afterId}, locked and read whole; other
     * replicas running the job skip them.
     */
    public Mono<List<TeachingSession>> claimPastDeadline(Instant now, Instant unstartedBefore, UUID afterId, int limit) {
        return db.sql("""
                        SELECT * FROM teaching_session
                        WHERE ((status = 'SCHEDULED' AND starts_at <= :unstartedBefore)
                            OR (status = 'IN_PROGRESS' AND ends_at <= :now))
                          AND id > :after
                        ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("unstartedBefore", utc(unstartedBefore)).bind("after", afterId)
                .bind("limit", limit)
                .map((row, meta) -> toSession(row)).all().collectList();
    }

    /**
     * Marks the "starting" notice sent for scheduled sessions starting by {@code startsBy} and not yet
     * past {@code notAfter}; returns only those this call marked, so each session is told once however
     * many replicas run the job.
     */
    public Mono<List<TeachingSession>> markStartingDue(Instant now, Instant startsBy, Instant startedAfter, int limit) {
        return db.sql("""
                        UPDATE teaching_session SET starting_sent_at = :now
                        WHERE id IN (SELECT id FROM teaching_session
                                     WHERE status = 'SCHEDULED' AND starting_sent_at IS NULL
                                       AND starts_at <= :startsBy AND starts_at > :startedAfter
                                     ORDER BY starts_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                          AND starting_sent_at IS NULL
                        RETURNING *""")
                .bind("now", utc(now)).bind("startsBy", utc(startsBy)).bind("startedAfter", utc(startedAfter))
                .bind("limit", limit)
                .map((row, meta) -> toSession(row)).all().collectList();
    }

    static TeachingSession toSession(Readable row) {
        String noShow = row.get("no_show", String.class);
        return new TeachingSession(row.get("id", UUID.class), row.get("slot_id", Long.class),
                row.get("tutor_id", Long.class), SessionType.valueOf(row.get("session_type", String.class)),
                row.get("max_participants", Integer.class), row.get("title", String.class),
                instant(row.get("starts_at", OffsetDateTime.class)), instant(row.get("ends_at", OffsetDateTime.class)),
                row.get("timezone", String.class), TeachingStatus.valueOf(row.get("status", String.class)),
                row.get("channel_name", String.class), noShow == null ? null : NoShow.valueOf(noShow),
                row.get("cancel_reason", String.class), instant(row.get("started_at", OffsetDateTime.class)),
                instant(row.get("completed_at", OffsetDateTime.class)),
                instant(row.get("starting_sent_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }
}
