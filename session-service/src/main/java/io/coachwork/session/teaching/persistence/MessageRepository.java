package io.coachwork.session.teaching.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.session.teaching.persistence.Rows.instant;
import static io.coachwork.session.teaching.persistence.Rows.utc;

/** Seed 002's SessionMessage of ONE_TO_ONE sessions. */
@Repository
public class MessageRepository {

    public record Message(long id, UUID sessionId, long senderId, String content, Instant createdAt) {
    }

    private final DatabaseClient db;

    public MessageRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Message> insert(UUID sessionId, long senderId, String content, Instant at) {
        return db.sql("""
                        INSERT INTO teaching_message (session_id, sender_id, content, created_at)
                        VALUES (:s, :sender, :content, :at) RETURNING id""")
                .bind("s", sessionId).bind("sender", senderId).bind("content", content).bind("at", utc(at))
                .map((row, meta) -> new Message(row.get("id", Long.class), sessionId, senderId, content, at)).one();
    }

    /** Newest first. */
    public Mono<List<Message>> page(UUID sessionId, int limit, long offset) {
        return db.sql("""
                        SELECT * FROM teaching_message WHERE session_id = :s
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .bind("s", sessionId).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> new Message(row.get("id", Long.class), row.get("session_id", UUID.class),
                        row.get("sender_id", Long.class), row.get("content", String.class),
                        instant(row.get("created_at", OffsetDateTime.class))))
                .all().collectList();
    }

    public Mono<Long> count(UUID sessionId) {
        return db.sql("SELECT count(*) AS n FROM teaching_message WHERE session_id = :s").bind("s", sessionId)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }
}
