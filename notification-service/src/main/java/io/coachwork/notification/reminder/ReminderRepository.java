package io.coachwork.notification.reminder;

import io.coachwork.notification.coaching.CoachingSession;
import io.coachwork.notification.coaching.CoachingSessionRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class ReminderRepository {

    private final DatabaseClient db;

    public ReminderRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Keeps the session's reminders in step with it: while it is scheduled, the reminders of its
     * current start time (a moved session loses the reminders of its old time, sent or not, and
     * gets new ones); otherwise none.
     */
    public Mono<Void> follow(CoachingSession session, Instant now) {
        if (!session.isScheduled() || session.startTime() == null) {
            return db.sql("DELETE FROM scheduled_reminder WHERE session_id = :s").bind("s", session.sessionId())
                    .fetch().rowsUpdated().then();
        }
        OffsetDateTime start = utc(session.startTime());
        List<ReminderRules.Planned> plan = ReminderRules.plan(session.startTime(), now);
        // One statement: the moved reminders of kinds no longer planned go; a planned kind is added, or
        // replaced by a fresh one when the session moved (the two touch different rows).
        return db.sql("""
                        WITH moved AS (
                          DELETE FROM scheduled_reminder
                          WHERE session_id = :s AND session_start <> :start AND kind <> ALL(CAST(:kinds AS TEXT[])))
                        INSERT INTO scheduled_reminder (session_id, kind, session_start, due_at)
                        SELECT :s, p.kind, :start, p.due
                        FROM unnest(CAST(:kinds AS TEXT[]), CAST(:dues AS TIMESTAMPTZ[])) AS p(kind, due)
                        ON CONFLICT (session_id, kind) DO UPDATE
                          SET session_start = EXCLUDED.session_start, due_at = EXCLUDED.due_at,
                              processed_at = NULL, outcome = NULL
                          WHERE scheduled_reminder.session_start <> EXCLUDED.session_start""")
                .bind("s", session.sessionId()).bind("start", start)
                .bind("kinds", plan.stream().map(planned -> planned.kind().key()).toArray(String[]::new))
                .bind("dues", plan.stream().map(planned -> utc(planned.dueAt())).toArray(OffsetDateTime[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Reminders due by {@code now}, locked: replicas running the job at once skip each other's. Call
     * inside a transaction. The batch is read whole before the caller writes: a write on the
     * transaction's connection while this result still streams hangs it, holding the rows.
     */
    public Mono<List<ReminderSource.Due<CoachingSession>>> claimDue(Instant now, int limit) {
        return db.sql("""
                        SELECT r.kind, r.session_start, s.*
                        FROM scheduled_reminder r JOIN coaching_session s ON s.session_id = r.session_id
                        WHERE r.processed_at IS NULL AND r.due_at <= :now
                        ORDER BY r.due_at LIMIT :limit
                        FOR UPDATE OF r SKIP LOCKED""")
                .bind("now", utc(now)).bind("limit", limit)
                .map((row, meta) -> new ReminderSource.Due<>(ReminderKind.byKey(row.get("kind", String.class)).orElseThrow(),
                        row.get("session_start", OffsetDateTime.class).toInstant(), CoachingSessionRepository.toSession(row)))
                .all().collectList();
    }

    public Mono<Void> markProcessed(long sessionId, ReminderKind kind, String outcome, Instant now) {
        return db.sql("UPDATE scheduled_reminder SET processed_at = :now, outcome = :outcome "
                        + "WHERE session_id = :s AND kind = :kind")
                .bind("now", utc(now)).bind("outcome", outcome).bind("s", sessionId).bind("kind", kind.key())
                .fetch().rowsUpdated().then();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
