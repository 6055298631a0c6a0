package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.tracking.TimeTrackerJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.Parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7 item 2: jobs that claim rows with {@code FOR UPDATE SKIP LOCKED} and then write must read
 * the whole batch first. Writing on the transaction's connection while the claim's result still
 * streams hung the transaction "idle in transaction", holding the rows, so later runs skipped them.
 * Batches larger than one fetch are claimed here, and the run must end and leave no row locked.
 */
class ClaimedBatchTest extends SessionIntegrationTest {

    private static final int ROWS = 150;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @Autowired
    TimeTrackerJob tracker;
    @Autowired
    SagaEngine engine;

    @Test
    void theTimeTrackerExpiresABigBatchOfUnstartedSessionsAndHoldsNoLock() {
        Instant now = Instant.parse("2036-03-01T12:00:00Z");
        clock.set(now);
        long tutor = newUser();
        for (int i = 0; i < ROWS; i++) {
            insertSession(tutor, "scheduled", now.minus(Duration.ofHours(2)), null);
        }

        TimeTrackerJob.Report report = tracker.run().block(RUN_LIMIT);

        assertThat(report.sessionsExpired()).isGreaterThanOrEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM coaching_session WHERE tutor_id = $1 AND status = 'cancelled'", tutor))
                .isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2",
                EventTypes.RELEASE_HOURS, Long.toString(tutor))).isEqualTo(ROWS);
        noTransactionLeftOpen();
    }

    @Test
    void sagaRecoveryResendsABigBatchOfUnansweredCommandsAndHoldsNoLock() {
        Instant now = Instant.parse("2036-04-01T12:00:00Z");
        clock.set(now);
        long tutor = newUser();
        for (int i = 0; i < ROWS; i++) {
            UUID saga = UUID.randomUUID();
            long id = insertSession(tutor, "pending", now.plus(Duration.ofDays(1)), saga);
            db.sql("""
                            INSERT INTO saga_instance (saga_id, saga_type, state, step, data, attempts, next_attempt_at,
                              created_at, updated_at)
                            VALUES ($1, 'coaching-session', 'awaiting', 'reserve', CAST($2 AS jsonb), 1, $3, $3, $3)""")
                    .bind(0, saga)
                    .bind(1, "{\"session_id\":" + id + ",\"tutor_id\":" + tutor + ",\"minutes\":60,\"used_minutes\":null}")
                    .bind(2, now.minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
                    .fetch().rowsUpdated().block();
        }

        SagaEngine.Recovery recovery = engine.recover().block(RUN_LIMIT);

        assertThat(recovery.resent()).isGreaterThanOrEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM saga_instance WHERE (data->>'tutor_id')::bigint = $1 AND attempts = 2",
                tutor)).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2",
                EventTypes.RESERVE_HOURS, Long.toString(tutor))).isEqualTo(ROWS);
        noTransactionLeftOpen();
    }

    private long insertSession(long tutor, String status, Instant end, UUID saga) {
        long id = db.sql("SELECT nextval(pg_get_serial_sequence('coaching_session', 'id')) AS id")
                .map((row, meta) -> row.get("id", Long.class)).one().block();
        db.sql("""
                        INSERT INTO coaching_session (id, tutor_id, title, start_time, end_time, duration_minutes,
                          minutes_reserved, stream_call_id, status, saga_id, created_at, updated_at)
                        VALUES ($1, $2, 'Batch', $3, $4, 60, 60, $5, $6, $7, $3, $3)""")
                .bind(0, id).bind(1, tutor)
                .bind(2, end.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)).bind(3, end.atOffset(ZoneOffset.UTC))
                .bind(4, "coaching_" + id + "_" + UUID.randomUUID()).bind(5, status)
                .bind(6, saga == null ? Parameter.empty(UUID.class) : Parameter.from(saga))
                .fetch().rowsUpdated().block();
        return id;
    }

    /** A transaction may sit idle between two statements for a moment, never for long. */
    private void noTransactionLeftOpen() {
        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND state = 'idle in transaction'") == 0);
    }
}
