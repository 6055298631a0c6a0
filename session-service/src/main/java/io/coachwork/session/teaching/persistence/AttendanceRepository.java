package io.coachwork.session.teaching.persistence;

import io.coachwork.session.teaching.domain.AttendanceRow;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.session.teaching.persistence.Rows.instant;
import static io.coachwork.session.teaching.persistence.Rows.utc;

@Repository
public class AttendanceRepository {

    private final DatabaseClient db;

    public AttendanceRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Opens a join row; call after {@link #close} for the same person (one open row each, by index). */
    public Mono<AttendanceRow> join(UUID sessionId, long userId, Instant at) {
        return db.sql("""
                        INSERT INTO teaching_attendance (session_id, user_id, joined_at) VALUES (:s, :u, :at)
                        RETURNING *""")
                .bind("s", sessionId).bind("u", userId).bind("at", utc(at))
                .map((row, meta) -> toRow(row)).one();
    }

    /** Closes the person's open row, if any (a leave, or a dropped connection found at rejoin). */
    public Mono<Long> close(UUID sessionId, long userId, Instant at) {
        return db.sql("""
                        UPDATE teaching_attendance SET left_at = GREATEST(joined_at, :at)
                        WHERE session_id = :s AND user_id = :u AND left_at IS NULL""")
                .bind("s", sessionId).bind("u", userId).bind("at", utc(at))
                .fetch().rowsUpdated();
    }

    /** When the session closes, everyone still in the call leaves with it. */
    public Mono<Void> closeAll(UUID sessionId, Instant at) {
        return db.sql("""
                        UPDATE teaching_attendance SET left_at = GREATEST(joined_at, :at)
                        WHERE session_id = :s AND left_at IS NULL""")
                .bind("s", sessionId).bind("at", utc(at))
                .fetch().rowsUpdated().then();
    }

    public Mono<List<AttendanceRow>> findBySession(UUID sessionId) {
        return db.sql("SELECT * FROM teaching_attendance WHERE session_id = :s ORDER BY id").bind("s", sessionId)
                .map((row, meta) -> toRow(row)).all().collectList();
    }

    private static AttendanceRow toRow(Readable row) {
        return new AttendanceRow(row.get("id", Long.class), row.get("session_id", UUID.class),
                row.get("user_id", Long.class), instant(row.get("joined_at", OffsetDateTime.class)),
                instant(row.get("left_at", OffsetDateTime.class)));
    }
}
