package io.coachwork.wallet.hours;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which tutors have unlimited coaching and what commission their tier takes, as subscription-service's events say. Events may arrive
 * late or twice: the one with the newest event time wins, so an old event never undoes a newer one.
 */
@Component
public class TutorPlans {

    /** For a tutor no subscription event has mentioned: the free tier buys its hours. */
    private static final boolean UNLIMITED_WITHOUT_PLAN = false;

    private final DatabaseClient db;

    public TutorPlans(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the tutor has unlimited coaching; false for a tutor no subscription event has mentioned. */
    public Mono<Boolean> unlimited(long tutorId) {
        return db.sql("SELECT unlimited_coaching FROM tutor_plan WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> row.get("unlimited_coaching", Boolean.class))
                .one()
                .defaultIfEmpty(UNLIMITED_WITHOUT_PLAN);
    }

    /**
     * {@link #unlimited} as an SQL expression of the tutor id {@code tutorId} (a bind marker or column), for a
     * statement that reads the flag itself rather than in a query of its own.
     */
    public static String unlimitedSql(String tutorId) {
        return "COALESCE((SELECT unlimited_coaching FROM tutor_plan WHERE tutor_id = " + tutorId + "), "
                + UNLIMITED_WITHOUT_PLAN + ")";
    }

    /** The tier's commission in percent; empty for a tutor no event has mentioned (or one without a rate). */
    public Mono<BigDecimal> commissionRate(long tutorId) {
        return db.sql("SELECT commission_rate FROM tutor_plan WHERE tutor_id = :t AND commission_rate IS NOT NULL")
                .bind("t", tutorId)
                .map((row, meta) -> row.get("commission_rate", BigDecimal.class))
                .one();
    }

    /**
     * An admin changed a tier: every tutor on it gets the tier's coaching allowance and commission
     * now (a missing rate keeps theirs). The tutors' event times stay, so a later subscription event
     * of a tutor still wins over this one.
     */
    public Mono<Void> tierChanged(String tier, boolean unlimitedCoaching, BigDecimal commissionRate) {
        return db.sql("UPDATE tutor_plan SET unlimited_coaching = :unlimited, "
                        + "commission_rate = COALESCE(:rate, commission_rate) WHERE tier = :tier")
                .bind("tier", tier).bind("unlimited", unlimitedCoaching)
                .bind("rate", Parameter.fromOrEmpty(validRate(commissionRate), BigDecimal.class))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> record(long tutorId, String tier, boolean unlimitedCoaching, String status,
                             BigDecimal commissionRate, Instant eventTime) {
        return db.sql("""
                        INSERT INTO tutor_plan (tutor_id, tier, unlimited_coaching, status, commission_rate, event_time)
                        VALUES (:t, :tier, :unlimited, :status, :rate, :at)
                        ON CONFLICT (tutor_id) DO UPDATE SET tier = EXCLUDED.tier,
                          unlimited_coaching = EXCLUDED.unlimited_coaching, status = EXCLUDED.status,
                          commission_rate = EXCLUDED.commission_rate, event_time = EXCLUDED.event_time
                        WHERE tutor_plan.event_time <= EXCLUDED.event_time""")
                .bind("t", tutorId).bind("tier", tier).bind("unlimited", unlimitedCoaching)
                .bind("status", Parameter.fromOrEmpty(status, String.class))
                .bind("rate", Parameter.fromOrEmpty(validRate(commissionRate), BigDecimal.class))
                .bind("at", eventTime.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** A rate outside 0-100 % is not one: the tutor then pays the default rather than the event failing forever. */
    private static BigDecimal validRate(BigDecimal rate) {
        return rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 ? null : rate;
    }
}
