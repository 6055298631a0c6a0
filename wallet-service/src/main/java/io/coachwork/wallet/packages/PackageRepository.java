package io.coachwork.wallet.packages;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tutors' package offers (session_package) and the hourly rates they are discounted from (package_tutor_rate). */
@Repository
public class PackageRepository {

    /** A tutor's hourly rate as scheduling-service last announced it. */
    public record TutorRate(long tutorId, long hourlyRateMinor, String currency) {
    }

    private final DatabaseClient db;

    public PackageRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Keeps the newest decision only, so a replayed or late older event changes nothing. */
    public Mono<Void> saveRate(long tutorId, long hourlyRateMinor, String currency, Instant decidedAt) {
        return db.sql("""
                        INSERT INTO package_tutor_rate (tutor_id, hourly_rate_minor, currency, decided_at)
                        VALUES (:t, :rate, :currency, :at)
                        ON CONFLICT (tutor_id) DO UPDATE SET hourly_rate_minor = EXCLUDED.hourly_rate_minor,
                          currency = EXCLUDED.currency, decided_at = EXCLUDED.decided_at
                        WHERE package_tutor_rate.decided_at < EXCLUDED.decided_at""")
                .bind("t", tutorId).bind("rate", hourlyRateMinor).bind("currency", currency).bind("at", utc(decidedAt))
                .fetch().rowsUpdated().then();
    }

    public Mono<TutorRate> rate(long tutorId) {
        return db.sql("SELECT * FROM package_tutor_rate WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> new TutorRate(tutorId, row.get("hourly_rate_minor", Long.class),
                        row.get("currency", String.class)))
                .one();
    }

    public Mono<SessionPackage> insert(long tutorId, String name, int sessions, int minutes, long priceMinor,
                                       String currency, BigDecimal discount, Long hourlyRate, int validityDays,
                                       boolean active, Instant now) {
        return db.sql("""
                        INSERT INTO session_package (tutor_id, name, session_count, duration_minutes, price_minor, currency,
                          discount_percent, hourly_rate_minor, validity_days, active, created_at, updated_at)
                        VALUES (:t, :name, :n, :minutes, :price, :currency, :discount, :rate, :days, :active, :now, :now)
                        RETURNING *""")
                .bind("t", tutorId).bind("name", name).bind("n", sessions).bind("minutes", minutes)
                .bind("price", priceMinor).bind("currency", currency)
                .bind("discount", Parameter.fromOrEmpty(discount, BigDecimal.class))
                .bind("rate", Parameter.fromOrEmpty(hourlyRate, Long.class)).bind("days", validityDays)
                .bind("active", active).bind("now", utc(now))
                .map((row, meta) -> toPackage(row)).one();
    }

    public Mono<SessionPackage> update(SessionPackage p, Instant now) {
        return db.sql("""
                        UPDATE session_package SET name = :name, session_count = :n, duration_minutes = :minutes,
                          price_minor = :price, currency = :currency, discount_percent = :discount,
                          hourly_rate_minor = :rate, validity_days = :days, active = :active, updated_at = :now
                        WHERE id = :id AND deleted_at IS NULL RETURNING *""")
                .bind("id", p.id()).bind("name", p.name()).bind("n", p.sessionCount())
                .bind("minutes", p.durationMinutes()).bind("price", p.priceMinor()).bind("currency", p.currency())
                .bind("discount", Parameter.fromOrEmpty(p.discountPercent(), BigDecimal.class))
                .bind("rate", Parameter.fromOrEmpty(p.hourlyRateMinor(), Long.class)).bind("days", p.validityDays())
                .bind("active", p.active()).bind("now", utc(now))
                .map((row, meta) -> toPackage(row)).one();
    }

    /** Deleted packages stay for the purchases that copied them; they are no longer listed or sold. */
    public Mono<Boolean> delete(long id, long tutorId, Instant now) {
        return db.sql("UPDATE session_package SET deleted_at = :now, active = FALSE, updated_at = :now "
                        + "WHERE id = :id AND tutor_id = :t AND deleted_at IS NULL")
                .bind("id", id).bind("t", tutorId).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<SessionPackage> find(long id) {
        return db.sql("SELECT * FROM session_package WHERE id = :id AND deleted_at IS NULL").bind("id", id)
                .map((row, meta) -> toPackage(row)).one();
    }

    public Flux<SessionPackage> ofTutor(long tutorId, boolean activeOnly, int limit, long offset) {
        return db.sql("SELECT * FROM session_package WHERE tutor_id = :t AND deleted_at IS NULL"
                        + (activeOnly ? " AND active" : "") + " ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("t", tutorId).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toPackage(row)).all();
    }

    public Mono<Long> countOfTutor(long tutorId, boolean activeOnly) {
        return db.sql("SELECT count(*) AS n FROM session_package WHERE tutor_id = :t AND deleted_at IS NULL"
                        + (activeOnly ? " AND active" : ""))
                .bind("t", tutorId).map((row, meta) -> row.get("n", Long.class)).one();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static SessionPackage toPackage(Readable row) {
        return new SessionPackage(row.get("id", Long.class), row.get("tutor_id", Long.class), row.get("name", String.class),
                row.get("session_count", Integer.class), row.get("duration_minutes", Integer.class),
                row.get("price_minor", Long.class), row.get("currency", String.class),
                row.get("discount_percent", BigDecimal.class), row.get("hourly_rate_minor", Long.class),
                row.get("validity_days", Integer.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
