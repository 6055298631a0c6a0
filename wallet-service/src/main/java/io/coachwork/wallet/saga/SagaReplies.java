package io.coachwork.wallet.saga;

import io.coachwork.platform.outbox.OutboxWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The reply each (saga, command type) got, so a repeated command is answered the same way and moves nothing. */
@Repository
public class SagaReplies {

    public record Stored(String type, String payload) {
    }

    private final DatabaseClient db;

    public SagaReplies(DatabaseClient db) {
        this.db = db;
    }

    /** True for the first command of this type in the saga; a concurrent twin waits on the row, then sees false. */
    public Mono<Boolean> claim(String sagaId, String commandType, Instant now) {
        return db.sql("INSERT INTO saga_command (saga_id, command_type, received_at) VALUES (:s, :c, :now) "
                        + "ON CONFLICT (saga_id, command_type) DO NOTHING")
                .bind("s", sagaId).bind("c", commandType).bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Stores the reply, in the statement that appends it to the outbox ({@link OutboxWriter#appendWith}). */
    public OutboxWriter.Change storing(String sagaId, String commandType, String replyType, String payload) {
        return new OutboxWriter.Change("UPDATE saga_command SET reply_type = :type, reply_payload = :payload "
                + "WHERE saga_id = :s AND command_type = :c",
                spec -> spec.bind("s", sagaId).bind("c", commandType).bind("type", replyType).bind("payload", payload));
    }

    public Mono<Stored> find(String sagaId, String commandType) {
        return db.sql("SELECT reply_type, reply_payload FROM saga_command WHERE saga_id = :s AND command_type = :c "
                        + "AND reply_type IS NOT NULL")
                .bind("s", sagaId).bind("c", commandType)
                .map((row, meta) -> new Stored(row.get("reply_type", String.class), row.get("reply_payload", String.class)))
                .one();
    }
}
