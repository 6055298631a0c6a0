package io.coachwork.platform.directory;

import io.coachwork.platform.security.RevokedRoles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The role_revocation table: the latest state per user and role. Both writes ignore what is older
 * than the stored state, so a late or repeated event changes nothing.
 */
public class RoleRevocations {

    private final DatabaseClient db;

    public RoleRevocations(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> revoked(long userId, Collection<String> roles, Instant at) {
        return Flux.fromIterable(roles).concatMap(role -> db.sql("""
                        INSERT INTO role_revocation (user_id, role, revoked_at) VALUES (:user, :role, :at)
                        ON CONFLICT (user_id, role) DO UPDATE SET revoked_at = EXCLUDED.revoked_at, regranted_at = NULL
                        WHERE role_revocation.revoked_at <= EXCLUDED.revoked_at
                          AND (role_revocation.regranted_at IS NULL OR role_revocation.regranted_at <= EXCLUDED.revoked_at)""")
                        .bind("user", userId).bind("role", role).bind("at", at.atOffset(ZoneOffset.UTC))
                        .fetch().rowsUpdated())
                .then();
    }

    public Mono<Void> granted(long userId, Collection<String> roles, Instant at) {
        return Flux.fromIterable(roles).concatMap(role -> db.sql("""
                        UPDATE role_revocation SET regranted_at = :at
                        WHERE user_id = :user AND role = :role AND revoked_at <= :at
                          AND (regranted_at IS NULL OR regranted_at < :at)""")
                        .bind("user", userId).bind("role", role).bind("at", at.atOffset(ZoneOffset.UTC))
                        .fetch().rowsUpdated())
                .then();
    }

    /** Revocations made after {@code since} and not lifted by a later grant. */
    public Mono<List<RevokedRoles.Revocation>> standingSince(Instant since) {
        return db.sql("SELECT user_id, role, revoked_at FROM role_revocation WHERE regranted_at IS NULL AND revoked_at > :since")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> new RevokedRoles.Revocation(row.get("user_id", Long.class), row.get("role", String.class),
                        row.get("revoked_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
    }
}
