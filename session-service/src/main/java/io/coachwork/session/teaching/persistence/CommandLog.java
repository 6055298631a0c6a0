package io.coachwork.session.teaching.persistence;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.session.teaching.persistence.Rows.utc;

/** The reply each (saga, command type) got, so a repeated booking-saga command is answered the same way and changes nothing. */
@Repository
public class CommandLog {

    public record Stored(String type, String payload) {
    }

    private final DatabaseClient db;

    public CommandLog(DatabaseClient db) {
        this.db = db;
    }

    /** True for the first command of this type in the saga; a concurrent twin waits on the row, then sees false. */
    public Mono<Boolean> claim(String sagaId, String commandType, Instant now) {
        return db.sql("INSERT INTO teaching_command (saga_id, command_type, received_at) VALUES (:s, :c, :now) "
                        + "ON CONFLICT (saga_id, command_type) DO NOTHING")
                .bind("s", sagaId).bind("c", commandType).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> store(String sagaId, String commandType, String replyType, String payload) {
        return db.sql("UPDATE teaching_command SET reply_type = :type, reply_payload = :payload "
                        + "WHERE saga_id = :s AND command_type = :c")
                .bind("s", sagaId).bind("c", commandType).bind("type", replyType).bind("payload", payload)
                .fetch().rowsUpdated().then();
    }

    public Mono<Stored> find(String sagaId, String commandType) {
        return db.sql("SELECT reply_type, reply_payload FROM teaching_command WHERE saga_id = :s AND command_type = :c "
                        + "AND reply_type IS NOT NULL")
                .bind("s", sagaId).bind("c", commandType)
                .map((row, meta) -> new Stored(row.get("reply_type", String.class), row.get("reply_payload", String.class)))
                .one();
    }
}
