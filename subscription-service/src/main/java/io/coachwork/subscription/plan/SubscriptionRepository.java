package io.coachwork.subscription.plan;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class SubscriptionRepository {

    /** The tutor's subscription, which the paid-tier saga locks first ({@code SagaDefinition.lockFirst}). */
    public static final String LOCK_FOR_SAGA = "SELECT tutor_id FROM tutor_subscription WHERE tutor_id = :aggregate FOR UPDATE";

    private final DatabaseClient db;

    public SubscriptionRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<TutorSubscription> findByTutor(long tutorId) {
        return db.sql("SELECT * FROM tutor_subscription WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> toSubscription(row)).one();
    }

    /** Locks the tutor's row for the rest of the transaction, so concurrent changes apply one after another. */
    public Mono<TutorSubscription> lockByTutor(long tutorId) {
        return db.sql("SELECT * FROM tutor_subscription WHERE tutor_id = :t FOR UPDATE").bind("t", tutorId)
                .map((row, meta) -> toSubscription(row)).one();
    }

    /**
     * Subscriptions whose period has ended and that have no charge in flight, locked; other replicas
     * skip them. Call inside a transaction; the batch is read whole before the caller writes (one
     * connection runs one query at a time, and a write while this result streams hangs the transaction).
     */
    public Mono<List<TutorSubscription>> claimEnded(Instant now, int limit) {
        return db.sql("""
                        SELECT * FROM tutor_subscription s WHERE end_date <= :now
                          AND NOT EXISTS (SELECT 1 FROM saga_instance g WHERE g.saga_type = 'paid-tier'
                                            AND g.state IN ('awaiting', 'compensating')
                                            AND (g.data ->> 'tutor_id')::bigint = s.tutor_id)
                        ORDER BY end_date LIMIT :n FOR UPDATE OF s SKIP LOCKED""")
                .bind("now", utc(now)).bind("n", limit)
                .map((row, meta) -> toSubscription(row)).all().collectList();
    }

    /** Whether a paid-tier charge of the tutor's still waits for the wallet. */
    public Mono<Boolean> hasOpenCharge(long tutorId) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM saga_instance WHERE saga_type = 'paid-tier'
                                         AND state IN ('awaiting', 'compensating')
                                         AND (data ->> 'tutor_id')::bigint = :t) AS open""")
                .bind("t", tutorId).map((row, meta) -> row.get("open", Boolean.class)).one();
    }

    public Mono<TutorSubscription> save(TutorSubscription s, Instant now) {
        if (s.id() == null) {
            return db.sql("""
                            INSERT INTO tutor_subscription (tutor_id, tutor_type, tier_code, status, start_date, end_date,
                                                            auto_renew, past_due_since, created_at, updated_at)
                            VALUES (:tutor, :type, :tier, :status, :start, :end, :renew, :pastDue, :now, :now) RETURNING id""")
                    .bind("tutor", s.tutorId()).bind("type", s.tutorType()).bind("tier", s.tierCode())
                    .bind("status", s.status()).bind("start", utc(s.startDate()))
                    .bind("end", nullableTime(s.endDate()))
                    .bind("renew", s.autoRenew()).bind("pastDue", nullableTime(s.pastDueSince())).bind("now", utc(now))
                    .map((row, meta) -> row.get("id", Long.class)).one()
                    .map(s::withId);
        }
        return db.sql("""
                        UPDATE tutor_subscription SET tier_code = :tier, status = :status, start_date = :start,
                          end_date = :end, auto_renew = :renew, past_due_since = :pastDue, updated_at = :now
                        WHERE id = :id""")
                .bind("id", s.id()).bind("tier", s.tierCode()).bind("status", s.status())
                .bind("start", utc(s.startDate()))
                .bind("end", nullableTime(s.endDate()))
                .bind("renew", s.autoRenew()).bind("pastDue", nullableTime(s.pastDueSince())).bind("now", utc(now))
                .fetch().rowsUpdated()
                .thenReturn(s);
    }

    public Mono<Void> recordChange(long tutorId, String fromTier, String toTier, String reason, Instant at) {
        return db.sql("INSERT INTO subscription_change (tutor_id, from_tier, to_tier, reason, changed_at) "
                        + "VALUES (:t, :from, :to, :reason, :at)")
                .bind("t", tutorId).bind("from", Parameter.fromOrEmpty(fromTier, String.class)).bind("to", toTier)
                .bind("reason", reason).bind("at", utc(at))
                .fetch().rowsUpdated().then();
    }

    private static Parameter nullableTime(Instant instant) {
        return Parameter.fromOrEmpty(instant == null ? null : utc(instant), OffsetDateTime.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static TutorSubscription toSubscription(Readable row) {
        return new TutorSubscription(row.get("id", Long.class), row.get("tutor_id", Long.class),
                row.get("tutor_type", String.class), row.get("tier_code", String.class), row.get("status", String.class),
                row.get("start_date", OffsetDateTime.class).toInstant(), instant(row.get("end_date", OffsetDateTime.class)),
                row.get("auto_renew", Boolean.class), instant(row.get("past_due_since", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
