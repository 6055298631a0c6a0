package io.coachwork.session.settings;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class CoachingSettingsRepository {

    private final DatabaseClient db;

    public CoachingSettingsRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Read by every session created. The row id is a parameter, not a literal: the driver sends a statement
     * without parameters as a simple query, which PostgreSQL plans again on every call (0.1 ms, twice the
     * lookup itself, by pg_stat_statements); a bound one is prepared once per connection.
     */
    public Mono<CoachingSettings> find() {
        return db.sql("SELECT * FROM coaching_settings WHERE id = :id").bind("id", 1)
                .map((row, meta) -> toSettings(row)).one();
    }

    /** Locks the row for the rest of the transaction, so concurrent updates apply one after another. */
    public Mono<CoachingSettings> lock() {
        return db.sql("SELECT * FROM coaching_settings WHERE id = 1 FOR UPDATE").map((row, meta) -> toSettings(row)).one();
    }

    /** Stores a change; it is announced in the same transaction, so it counts as announced. */
    public Mono<CoachingSettings> update(CoachingSettings s) {
        return db.sql("""
                        UPDATE coaching_settings SET price_per_hour_minor = :price, currency = :currency,
                          default_duration_minutes = :duration, warning_threshold_minutes = :warning,
                          auto_end_enabled = :autoEnd, announced = TRUE, updated_at = :now
                        WHERE id = 1""")
                .bind("price", s.pricePerHourMinor()).bind("currency", s.currency())
                .bind("duration", s.defaultDurationMinutes()).bind("warning", s.warningThresholdMinutes())
                .bind("autoEnd", s.autoEndEnabled()).bind("now", s.updatedAt().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().thenReturn(s);
    }

    /** The settings if they were never announced, marked announced (row-locked: one replica wins). */
    public Mono<CoachingSettings> claimUnannounced() {
        return db.sql("UPDATE coaching_settings SET announced = TRUE WHERE id = 1 AND NOT announced RETURNING *")
                .map((row, meta) -> toSettings(row)).one();
    }

    private static CoachingSettings toSettings(Readable row) {
        return new CoachingSettings(row.get("price_per_hour_minor", Long.class), row.get("currency", String.class),
                row.get("default_duration_minutes", Integer.class), row.get("warning_threshold_minutes", Integer.class),
                row.get("auto_end_enabled", Boolean.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
