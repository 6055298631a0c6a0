package io.coachwork.wallet.saga;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class HoldRepository {

    private final DatabaseClient db;

    public HoldRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Creates the session's hold; empty when the session already has one. */
    public Mono<Hold> insertIfAbsent(Hold hold, Instant now) {
        return db.sql("""
                        INSERT INTO hours_hold (session_id, tutor_id, saga_id, minutes, unlimited, status, created_at, updated_at)
                        VALUES (:s, :t, :saga, :m, :u, 'held', :now, :now)
                        ON CONFLICT (session_id) DO NOTHING RETURNING *""")
                .bind("s", hold.sessionId()).bind("t", hold.tutorId()).bind("saga", hold.sagaId())
                .bind("m", hold.minutes()).bind("u", hold.unlimited()).bind("now", now.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> toHold(row)).one();
    }

    /** The session's hold, locked until the transaction ends. */
    public Mono<Hold> lock(long sessionId) {
        return db.sql("SELECT * FROM hours_hold WHERE session_id = :s FOR UPDATE").bind("s", sessionId)
                .map((row, meta) -> toHold(row)).one();
    }

    public Mono<Void> delete(long sessionId) {
        return db.sql("DELETE FROM hours_hold WHERE session_id = :s").bind("s", sessionId).fetch().rowsUpdated().then();
    }

    public Mono<Void> close(long sessionId, String status, long usedMinutes, long releasedMinutes, Instant now) {
        return db.sql("UPDATE hours_hold SET status = :status, used_minutes = :used, released_minutes = :released, "
                        + "updated_at = :now WHERE session_id = :s")
                .bind("s", sessionId).bind("status", status).bind("used", usedMinutes).bind("released", releasedMinutes)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** The hold's new size after the start's re-check. */
    public Mono<Void> resize(long sessionId, long minutes, boolean unlimited, Instant now) {
        return db.sql("UPDATE hours_hold SET minutes = :m, unlimited = :u, updated_at = :now WHERE session_id = :s")
                .bind("s", sessionId).bind("m", minutes).bind("u", unlimited).bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    private static Hold toHold(Readable row) {
        return new Hold(row.get("session_id", Long.class), row.get("tutor_id", Long.class), row.get("saga_id", String.class),
                row.get("minutes", Long.class), row.get("unlimited", Boolean.class), row.get("status", String.class),
                row.get("used_minutes", Long.class), row.get("released_minutes", Long.class));
    }
}
