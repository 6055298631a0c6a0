package io.coachwork.scheduling.booking;

import io.coachwork.contracts.payment.PackageEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Which purchase pays a booking (booking_package), and the read model of each purchase's credits
 * (package_credit_view) kept from wallet-service's package events for an early, clear refusal.
 */
@Repository
public class PackageCredits {

    /** A purchase's credits as wallet-service last announced them. */
    public record View(UUID purchaseId, long tutorId, long studentId, String status, int durationMinutes,
                       int creditsTotal, int creditsLeft, Instant expiresAt) {
    }

    private final DatabaseClient db;

    public PackageCredits(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> link(UUID bookingId, UUID purchaseId) {
        return db.sql("INSERT INTO booking_package (booking_id, purchase_id) VALUES (:b, :p)")
                .bind("b", bookingId).bind("p", purchaseId).fetch().rowsUpdated().then();
    }

    public Mono<UUID> purchaseOf(UUID bookingId) {
        return db.sql("SELECT purchase_id FROM booking_package WHERE booking_id = :b").bind("b", bookingId)
                .map((row, meta) -> row.get("purchase_id", UUID.class)).one();
    }

    /** Keeps the newest fact per purchase; a replayed or older event changes nothing. */
    public Mono<Void> save(PackageEvent e) {
        return db.sql("""
                        INSERT INTO package_credit_view (purchase_id, tutor_id, student_id, status, duration_minutes,
                          credits_total, credits_left, expires_at, occurred_at)
                        VALUES (:p, :tutor, :student, :status, :minutes, :total, :left, :expires, :at)
                        ON CONFLICT (purchase_id) DO UPDATE SET status = EXCLUDED.status,
                          credits_left = EXCLUDED.credits_left, expires_at = EXCLUDED.expires_at,
                          occurred_at = EXCLUDED.occurred_at
                        WHERE package_credit_view.occurred_at < EXCLUDED.occurred_at""")
                .bind("p", UUID.fromString(e.purchaseId())).bind("tutor", e.tutorId()).bind("student", e.studentId())
                .bind("status", e.status()).bind("minutes", e.durationMinutes()).bind("total", e.creditsTotal())
                .bind("left", e.creditsLeft())
                .bind("expires", Parameter.fromOrEmpty(e.expiresAt() == null ? null
                        : e.expiresAt().atOffset(ZoneOffset.UTC), OffsetDateTime.class))
                .bind("at", e.occurredAt().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    public Mono<View> view(UUID purchaseId) {
        return db.sql("SELECT * FROM package_credit_view WHERE purchase_id = :p").bind("p", purchaseId)
                .map((row, meta) -> {
                    OffsetDateTime expires = row.get("expires_at", OffsetDateTime.class);
                    return new View(purchaseId, row.get("tutor_id", Long.class), row.get("student_id", Long.class),
                            row.get("status", String.class), row.get("duration_minutes", Integer.class),
                            row.get("credits_total", Integer.class), row.get("credits_left", Integer.class),
                            expires == null ? null : expires.toInstant());
                })
                .one();
    }
}
