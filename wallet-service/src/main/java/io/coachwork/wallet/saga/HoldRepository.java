package io.coachwork.wallet.saga;

import io.coachwork.wallet.hours.TutorPlans;
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

    /**
     * Creates the session's hold of {@code minutes}, or of {@code unlimitedMinutes} when the tutor's plan is unlimited:
     * the plan is read by this statement rather than a query of its own. Empty when the session already has a hold.
     */
    public Mono<Hold> insertIfAbsent(long sessionId, long tutorId, String sagaId, long minutes, long unlimitedMinutes,
                                     Instant now) {
        return db.sql("""
                        INSERT INTO hours_hold (session_id, tutor_id, saga_id, minutes, unlimited, status, created_at, updated_at)
                        SELECT :s, :t, :saga, CASE WHEN plan.unlimited THEN :um ELSE :m END, plan.unlimited, 'held', :now, :now
                        FROM (SELECT %s AS unlimited) plan
                        ON CONFLICT (session_id) DO NOTHING RETURNING *""".formatted(TutorPlans.unlimitedSql(":t")))
                .bind("s", sessionId).bind("t", tutorId).bind("saga", sagaId)
                .bind("m", minutes).bind("um", unlimitedMinutes).bind("now", now.atOffset(ZoneOffset.UTC))
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

    /**
     * Closes the session's hold as {@code status} if it is still held: at most {@code usedMinutes} of it used, the
     * rest released ({@link HoldRules#settle}'s split). Returns the hold as it was before, locked until the
     * transaction ends whether or not it was still held; empty when the session has none. One statement: the lock
     * reads the hold, so the close needs no read of its own.
     */
    public Mono<Hold> closeIfHeld(long sessionId, String status, long usedMinutes, Instant now) {
        return db.sql("""
                        WITH hold AS (SELECT * FROM hours_hold WHERE session_id = :s FOR UPDATE),
                        closed AS (
                          UPDATE hours_hold h SET status = :status, used_minutes = LEAST(h.minutes, :used),
                            released_minutes = h.minutes - LEAST(h.minutes, :used), updated_at = :now
                          FROM hold WHERE h.session_id = hold.session_id AND hold.status = 'held')
                        SELECT * FROM hold""")
                .bind("s", sessionId).bind("status", status).bind("used", usedMinutes)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> toHold(row)).one();
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
