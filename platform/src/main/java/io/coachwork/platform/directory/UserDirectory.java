package io.coachwork.platform.directory;

import io.coachwork.platform.web.TextHygiene;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * This service's copy of the user directory. Newer information wins: an update older than what
 * is stored (an identity event delivered late) changes nothing.
 */
public class UserDirectory {

    private final DatabaseClient db;

    public UserDirectory(DatabaseClient db) {
        this.db = db;
    }

    public Mono<DirectoryUser> find(long userId) {
        return db.sql("SELECT * FROM directory_user WHERE user_id = :id").bind("id", userId)
                .map((row, meta) -> toUser(row)).one();
    }

    public Flux<DirectoryUser> findAll(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT * FROM directory_user WHERE user_id = ANY(:ids)")
                .bind("ids", userIds.toArray(Long[]::new))
                .map((row, meta) -> toUser(row)).all();
    }

    /**
     * Inserts or updates; fields the update does not know (null) keep their stored value. Control
     * characters are dropped from names and emails whatever their source: PostgreSQL refuses NUL.
     */
    public Mono<Void> upsert(DirectoryUser user) {
        return db.sql("""
                        INSERT INTO directory_user (user_id, name, email, roles, time_zone, updated_at)
                        VALUES (:id, :name, :email, :roles, :zone, :at)
                        ON CONFLICT (user_id) DO UPDATE SET
                          name = COALESCE(EXCLUDED.name, directory_user.name),
                          email = COALESCE(EXCLUDED.email, directory_user.email),
                          roles = CASE WHEN EXCLUDED.roles = '' THEN directory_user.roles ELSE EXCLUDED.roles END,
                          time_zone = COALESCE(EXCLUDED.time_zone, directory_user.time_zone),
                          updated_at = EXCLUDED.updated_at
                        WHERE directory_user.updated_at <= EXCLUDED.updated_at""")
                .bind("id", user.userId())
                .bind("name", Parameter.fromOrEmpty(TextHygiene.strip(user.name()), String.class))
                .bind("email", Parameter.fromOrEmpty(TextHygiene.strip(user.email()), String.class))
                .bind("roles", user.roles() == null ? "" : String.join(",", user.roles()))
                .bind("zone", Parameter.fromOrEmpty(TextHygiene.strip(user.timeZone()), String.class))
                .bind("at", user.updatedAt().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** The roles an admin set (roles_changed); the user is registered if this service had not met them. */
    public Mono<Void> replaceRoles(long userId, Collection<String> roles, Instant at) {
        return db.sql("""
                        INSERT INTO directory_user (user_id, roles, updated_at) VALUES (:id, :roles, :at)
                        ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles,
                          updated_at = GREATEST(directory_user.updated_at, EXCLUDED.updated_at)""")
                .bind("id", userId)
                .bind("roles", String.join(",", roles.stream().sorted().toList()))
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** Maps a row carrying directory_user's columns, for services that read them within a query of their own. */
    public static DirectoryUser toUser(io.r2dbc.spi.Readable row) {
        String roles = row.get("roles", String.class);
        Set<String> roleSet = roles == null || roles.isEmpty() ? Set.of()
                : Arrays.stream(roles.split(",")).collect(Collectors.toUnmodifiableSet());
        return new DirectoryUser(row.get("user_id", Long.class), row.get("name", String.class),
                row.get("email", String.class), roleSet, row.get("time_zone", String.class),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
