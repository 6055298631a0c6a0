package io.coachwork.scheduling.booking;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.scheduling.booking.BookingRepository.utc;

/** Users' Discord links as session-service last announced them. */
@Repository
public class DiscordLinkRepository {

    private final DatabaseClient db;

    public DiscordLinkRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records an announcement unless a newer (or equally new) one is already there. */
    public Mono<Void> record(long userId, boolean linked, Instant occurredAt) {
        return db.sql("""
                        INSERT INTO discord_link (user_id, linked, occurred_at) VALUES (:user, :linked, :at)
                        ON CONFLICT (user_id) DO UPDATE SET linked = EXCLUDED.linked, occurred_at = EXCLUDED.occurred_at
                        WHERE discord_link.occurred_at < EXCLUDED.occurred_at""")
                .bind("user", userId).bind("linked", linked).bind("at", utc(occurredAt))
                .fetch().rowsUpdated().then();
    }

    public Mono<Boolean> linked(long userId) {
        return db.sql("SELECT linked FROM discord_link WHERE user_id = :user").bind("user", userId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("linked", Boolean.class))).one()
                .defaultIfEmpty(false);
    }
}
