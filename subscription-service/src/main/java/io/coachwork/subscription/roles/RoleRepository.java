package io.coachwork.subscription.roles;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class RoleRepository {

    /** One audit row. */
    public record ChangeRow(long id, long userId, String action, String role, List<String> rolesBefore,
                            List<String> rolesAfter, long changedBy, String reason, Instant changedAt) {
    }

    /** A user's roles and where they come from: an admin's change ({@code managed}) or the identity provider. */
    public record Assigned(List<String> roles, boolean managed) {
    }

    private final DatabaseClient db;

    public RoleRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The admin-set roles, else the directory's (identity provider); empty for a user nobody knows. */
    public Mono<Assigned> find(long userId) {
        return db.sql("SELECT roles FROM user_roles WHERE user_id = :u").bind("u", userId)
                .map((row, meta) -> new Assigned(list(row, "roles"), true)).one()
                .switchIfEmpty(Mono.defer(() -> db.sql("SELECT roles FROM directory_user WHERE user_id = :u")
                        .bind("u", userId)
                        .map((row, meta) -> new Assigned(split(row.get("roles", String.class)), false)).one()));
    }

    /**
     * Locks the user's roles row for a change, creating it from the directory (or empty) on the
     * first change. Inside the caller's transaction.
     */
    public Mono<List<String>> lock(long userId, Instant at) {
        return db.sql("""
                        INSERT INTO user_roles (user_id, roles, updated_at)
                        SELECT :u, COALESCE((SELECT string_to_array(NULLIF(roles, ''), ',') FROM directory_user
                                             WHERE user_id = :u), '{}'), :at
                        ON CONFLICT (user_id) DO NOTHING""")
                .bind("u", userId).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .then(db.sql("SELECT roles FROM user_roles WHERE user_id = :u FOR UPDATE").bind("u", userId)
                        .map((row, meta) -> list(row, "roles")).one());
    }

    public Mono<Long> save(long userId, List<String> roles, String action, String role, List<String> before,
                           long changedBy, String reason, Instant at) {
        return db.sql("UPDATE user_roles SET roles = :roles, updated_at = :at WHERE user_id = :u")
                .bind("u", userId).bind("roles", roles.toArray(String[]::new)).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .then(db.sql("""
                                INSERT INTO role_change (user_id, action, role, roles_before, roles_after, changed_by,
                                                         reason, changed_at)
                                VALUES (:u, :action, :role, :before, :after, :by, :reason, :at) RETURNING id""")
                        .bind("u", userId).bind("action", action).bind("role", role)
                        .bind("before", before.toArray(String[]::new)).bind("after", roles.toArray(String[]::new))
                        .bind("by", changedBy).bind("reason", reason).bind("at", at.atOffset(ZoneOffset.UTC))
                        .map((row, meta) -> row.get("id", Long.class)).one());
    }

    public Mono<Long> countChanges(Long userId) {
        return db.sql("SELECT count(*) AS n FROM role_change WHERE CAST(:u AS BIGINT) IS NULL OR user_id = :u")
                .bind("u", Parameter.fromOrEmpty(userId, Long.class))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Newest first. */
    public Flux<ChangeRow> changes(Long userId, long offset, int limit) {
        return db.sql("""
                        SELECT * FROM role_change WHERE CAST(:u AS BIGINT) IS NULL OR user_id = :u
                        ORDER BY changed_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .bind("u", Parameter.fromOrEmpty(userId, Long.class)).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toChange(row)).all();
    }

    private static ChangeRow toChange(Readable row) {
        return new ChangeRow(row.get("id", Long.class), row.get("user_id", Long.class), row.get("action", String.class),
                row.get("role", String.class), list(row, "roles_before"), list(row, "roles_after"),
                row.get("changed_by", Long.class), row.get("reason", String.class),
                row.get("changed_at", OffsetDateTime.class).toInstant());
    }

    private static List<String> list(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : List.of(values);
    }

    private static List<String> split(String roles) {
        return roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }
}
