package io.coachwork.session.rooms;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Users' linked Discord accounts, and the OAuth2 states already answered. */
@Repository
public class DiscordLinkRepository {

    public record Link(long userId, String discordUserId, String discordUsername, Instant linkedAt) {
    }

    private final DatabaseClient db;

    public DiscordLinkRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Link> find(long userId) {
        return db.sql("SELECT * FROM discord_link WHERE user_id = :user").bind("user", userId)
                .map((row, meta) -> new Link(row.get("user_id", Long.class), row.get("discord_user_id", String.class),
                        row.get("discord_username", String.class), row.get("linked_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /**
     * Links (or relinks) the user's account. When that Discord account is already linked to another
     * user: empty for a relink, a {@link org.springframework.dao.DataIntegrityViolationException} for
     * a first link (which ends the caller's transaction, so the caller maps it after the rollback).
     */
    public Mono<Link> upsert(long userId, String discordUserId, String username, Instant now) {
        return db.sql("""
                        INSERT INTO discord_link (user_id, discord_user_id, discord_username, linked_at, updated_at)
                        VALUES (:user, :discord, :name, :now, :now)
                        ON CONFLICT (user_id) DO UPDATE SET discord_user_id = EXCLUDED.discord_user_id,
                          discord_username = EXCLUDED.discord_username, linked_at = EXCLUDED.linked_at, updated_at = EXCLUDED.updated_at
                        WHERE NOT EXISTS (SELECT 1 FROM discord_link o WHERE o.discord_user_id = EXCLUDED.discord_user_id
                                          AND o.user_id <> EXCLUDED.user_id)""")
                .bind("user", userId).bind("discord", discordUserId).bind("name", username)
                .bind("now", MeetingRoomRepository.utc(now))
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.just(new Link(userId, discordUserId, username, now)) : Mono.empty());
    }

    public Mono<Boolean> delete(long userId) {
        return db.sql("DELETE FROM discord_link WHERE user_id = :user").bind("user", userId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** True the first time a state's nonce is answered; old nonces are cleared on the way. */
    public Mono<Boolean> useState(String nonce, long userId, Instant expiresAt, Instant now) {
        return db.sql("DELETE FROM discord_oauth_state WHERE expires_at < :now").bind("now", MeetingRoomRepository.utc(now))
                .fetch().rowsUpdated()
                .then(db.sql("""
                                INSERT INTO discord_oauth_state (nonce, user_id, used_at, expires_at) VALUES (:nonce, :user, :now, :expires)
                                ON CONFLICT (nonce) DO NOTHING""")
                        .bind("nonce", nonce).bind("user", userId).bind("now", MeetingRoomRepository.utc(now))
                        .bind("expires", MeetingRoomRepository.utc(expiresAt))
                        .fetch().rowsUpdated())
                .map(n -> n == 1);
    }
}
