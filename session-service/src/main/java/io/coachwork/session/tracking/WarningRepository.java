package io.coachwork.session.tracking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The time warnings already sent, one row per session and warning point. */
@Repository
public class WarningRepository {

    private final DatabaseClient db;

    public WarningRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<List<Integer>> sentPoints(long sessionId) {
        return db.sql("SELECT warning_minutes FROM coaching_session_warning WHERE session_id = :s")
                .bind("s", sessionId)
                .map((row, meta) -> row.get("warning_minutes", Integer.class)).all().collectList();
    }

    /** True when this is the first time the warning is recorded. */
    public Mono<Boolean> record(long sessionId, int point, Instant now) {
        return db.sql("INSERT INTO coaching_session_warning (session_id, warning_minutes, sent_at) VALUES (:s, :p, :now) "
                        + "ON CONFLICT (session_id, warning_minutes) DO NOTHING")
                .bind("s", sessionId).bind("p", point).bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n == 1);
    }
}
