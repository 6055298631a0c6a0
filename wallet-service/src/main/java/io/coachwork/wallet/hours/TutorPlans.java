package io.coachwork.wallet.hours;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which tutors have unlimited coaching, as subscription-service's events say. Events may arrive
 * late or twice: the one with the newest event time wins, so an old event never undoes a newer one.
 */
@Component
public class TutorPlans {

    private final DatabaseClient db;

    public TutorPlans(DatabaseClient db) {
        this.db = db;
    }

    /** False for a tutor no subscription event has mentioned: the free tier buys its hours. */
    public Mono<Boolean> unlimited(long tutorId) {
        return db.sql("SELECT unlimited_coaching FROM tutor_plan WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> row.get("unlimited_coaching", Boolean.class))
                .one()
                .defaultIfEmpty(false);
    }

    /**
     * An admin changed a tier: every tutor on it gets the tier's coaching allowance now. The tutors'
     * event times stay, so a later subscription event of a tutor still wins over this one.
     */
    public Mono<Void> tierChanged(String tier, boolean unlimitedCoaching) {
        return db.sql("UPDATE tutor_plan SET unlimited_coaching = :unlimited WHERE tier = :tier")
                .bind("tier", tier).bind("unlimited", unlimitedCoaching)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> record(long tutorId, String tier, boolean unlimitedCoaching, String status, Instant eventTime) {
        return db.sql("""
                        INSERT INTO tutor_plan (tutor_id, tier, unlimited_coaching, status, event_time)
                        VALUES (:t, :tier, :unlimited, :status, :at)
                        ON CONFLICT (tutor_id) DO UPDATE SET tier = EXCLUDED.tier,
                          unlimited_coaching = EXCLUDED.unlimited_coaching, status = EXCLUDED.status,
                          event_time = EXCLUDED.event_time
                        WHERE tutor_plan.event_time <= EXCLUDED.event_time""")
                .bind("t", tutorId).bind("tier", tier).bind("unlimited", unlimitedCoaching)
                .bind("status", Parameter.fromOrEmpty(status, String.class))
                .bind("at", eventTime.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}
