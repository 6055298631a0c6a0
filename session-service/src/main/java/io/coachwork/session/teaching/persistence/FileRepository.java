package io.coachwork.session.teaching.persistence;

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

/** Seed 002's SessionFile: what was uploaded to a session and where its bytes are stored. */
@Repository
public class FileRepository {

    public record StoredFile(UUID id, UUID sessionId, long uploaderId, String fileName, String contentType,
                             long sizeBytes, String storageKey, Instant createdAt) {
    }

    private final DatabaseClient db;

    public FileRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StoredFile> insert(StoredFile f) {
        return db.sql("""
                        INSERT INTO teaching_file (id, session_id, uploader_id, file_name, content_type, size_bytes,
                          storage_key, created_at)
                        VALUES (:id, :s, :uploader, :name, :type, :size, :key, :at)""")
                .bind("id", f.id()).bind("s", f.sessionId()).bind("uploader", f.uploaderId())
                .bind("name", f.fileName()).bind("type", f.contentType()).bind("size", f.sizeBytes())
                .bind("key", f.storageKey()).bind("at", utc(f.createdAt()))
                .fetch().rowsUpdated().thenReturn(f);
    }

    public Mono<StoredFile> find(UUID sessionId, UUID fileId) {
        return db.sql("SELECT * FROM teaching_file WHERE id = :id AND session_id = :s")
                .bind("id", fileId).bind("s", sessionId)
                .map((row, meta) -> toFile(row)).one();
    }

    /** Newest first. */
    public Mono<List<StoredFile>> findBySession(UUID sessionId) {
        return db.sql("SELECT * FROM teaching_file WHERE session_id = :s ORDER BY created_at DESC, id")
                .bind("s", sessionId)
                .map((row, meta) -> toFile(row)).all().collectList();
    }

    /** True when this call removed the row (a concurrent delete of the same file sees false). */
    public Mono<Boolean> delete(UUID fileId) {
        return db.sql("DELETE FROM teaching_file WHERE id = :id").bind("id", fileId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private static StoredFile toFile(Readable row) {
        return new StoredFile(row.get("id", UUID.class), row.get("session_id", UUID.class),
                row.get("uploader_id", Long.class), row.get("file_name", String.class),
                row.get("content_type", String.class), row.get("size_bytes", Long.class),
                row.get("storage_key", String.class), instant(row.get("created_at", OffsetDateTime.class)));
    }
}
