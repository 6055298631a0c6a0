package io.coachwork.notification.reminder;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reminders 24 hours and 1 hour before each scheduled session, driven by the movable clock. */
class ReminderJobTest extends NotificationIntegrationTest {

    @Autowired
    ReminderJob job;

    @Test
    void aSessionGetsEachReminderOnceWhenItComesDue() {
        Instant now = stopClock();
        long tutor = newId();
        long student = newId();
        long session = newId();
        Instant start = now.plus(Duration.ofHours(25));
        announce(EventTypes.COACHING_SESSION_CREATED, session, tutor, student, start);
        awaitReminders(session, 2);

        clock.set(start.minus(Duration.ofHours(24)).minusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).isEmpty();

        clock.set(start.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(tutor, "session_reminder_24h")).hasSize(1);
        JsonNode reminder = inboxOfType(student, "session_reminder_24h").get(0);
        assertThat(reminder.get("event").asString()).isEqualTo("session:reminder");
        assertThat(reminder.get("title").asString()).isEqualTo(SessionEvents.SEED_TITLE + " starts in 24 hours");
        assertThat(reminder.get("data").get("session_id").asLong()).isEqualTo(session);
        assertThat(inboxOfType(student, "session_reminder_1h")).isEmpty();

        clock.set(start.minus(Duration.ofHours(1)).plusSeconds(60));
        runJob();
        runJob();
        assertThat(inboxOfType(student, "session_reminder_1h")).hasSize(1);
        assertThat(inboxOfType(student, "session_reminder_1h").get(0).get("event").asString()).isEqualTo("session:starting");
        assertThat(inboxOfType(tutor, "session_reminder_1h")).hasSize(1);
        assertThat(inboxOfType(student, "session_reminder_24h")).hasSize(1);
    }

    @Test
    void aCancelledSessionGetsNoReminders() {
        Instant now = stopClock();
        long tutor = newId();
        long student = newId();
        long session = newId();
        Instant start = now.plus(Duration.ofHours(25));
        SessionEvents scheduled = SessionEvents.seed000(session, tutor, student).at(start, start.plus(Duration.ofHours(1)));
        publish(EventTypes.COACHING_SESSION_CREATED, scheduled.build());
        awaitReminders(session, 2);
        publish(EventTypes.COACHING_SESSION_CANCELLED, scheduled.noStudents().status("cancelled").build());
        awaitReminders(session, 0);
        awaitInbox(student, "session_cancelled");

        clock.set(start.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        clock.set(start.minus(Duration.ofHours(1)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).isEmpty();
        assertThat(inboxOfType(student, "session_reminder_1h")).isEmpty();
        assertThat(inboxOfType(tutor, "session_reminder_1h")).isEmpty();
    }

    @Test
    void aSessionMovedToAnotherTimeIsRemindedAtItsNewTime() {
        Instant now = stopClock();
        long tutor = newId();
        long student = newId();
        long latecomer = newId();
        long session = newId();
        Instant first = now.plus(Duration.ofHours(25));
        Instant moved = now.plus(Duration.ofHours(49));
        announce(EventTypes.COACHING_SESSION_CREATED, session, tutor, student, first);
        announce(EventTypes.COACHING_SESSION_STUDENTS_INVITED, session, tutor, latecomer, moved);
        awaitReminders(session, moved, 2);

        clock.set(first.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).isEmpty();

        clock.set(moved.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(latecomer, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(student, "session_reminder_24h").get(0).get("data").get("start_time").asString())
                .isEqualTo(io.coachwork.platform.web.ApiTimestamps.format(moved));
    }

    @Test
    void aSessionMovedCloserKeepsOnlyTheRemindersStillAhead() {
        Instant now = stopClock();
        long tutor = newId();
        long session = newId();
        Instant first = now.plus(Duration.ofHours(25));
        Instant moved = now.plus(Duration.ofHours(3));
        announce(EventTypes.COACHING_SESSION_CREATED, session, tutor, newId(), first);
        awaitReminders(session, 2);

        announce(EventTypes.COACHING_SESSION_STUDENTS_INVITED, session, tutor, newId(), moved);
        awaitReminders(session, moved, 1);

        assertThat(count("SELECT count(*) AS n FROM scheduled_reminder WHERE session_id = " + session)).isOne();
        assertThat(count("SELECT count(*) AS n FROM scheduled_reminder WHERE session_id = " + session
                + " AND kind = '1h' AND processed_at IS NULL AND due_at = '" + moved.minus(Duration.ofHours(1)) + "'"))
                .isOne();
    }

    @Test
    void theJobRunsForAdminsAndForTheCronSecretOnly() {
        web.get().uri("/api/cron/notification/reminders").headers(h -> h.setBearerAuth("wrong"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid cron secret");
        web.get().uri("/api/cron/notification/reminders").headers(h -> h.setBearerAuth("test-cron-secret"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("Reminder job completed")
                .jsonPath("$.data.sent").isNumber()
                .jsonPath("$.data.skipped").isNumber();
        web.post().uri("/api/admin/notifications/jobs/reminders").headers(h -> h.setBearerAuth(TestJwt.tutor(newId())))
                .exchange().expectStatus().isForbidden();
    }

    /**
     * Issue 7 item 2: the claimed batch is read whole before anything is written on its connection;
     * writing while the claim still streamed hung the run "idle in transaction" with the rows locked.
     */
    @Test
    void aBatchBiggerThanOneFetchIsProcessedAndLeavesNoTransactionOpen() {
        Instant now = stopClock();
        Instant start = now.minus(Duration.ofMinutes(30));
        long tutor = newId();
        for (int i = 0; i < 150; i++) {
            long session = newId();
            db.sql("INSERT INTO coaching_session (session_id, tutor_id, title, status, start_time, end_time, updated_at) "
                            + "VALUES ($1, $2, 'Batch', 'scheduled', $3, $4, $3)")
                    .bind(0, session).bind(1, tutor).bind(2, start.atOffset(ZoneOffset.UTC))
                    .bind(3, start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)).fetch().rowsUpdated().block();
            db.sql("INSERT INTO scheduled_reminder (session_id, kind, session_start, due_at) VALUES ($1, '1h', $2, $3)")
                    .bind(0, session).bind(1, start.atOffset(ZoneOffset.UTC))
                    .bind(2, start.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)).fetch().rowsUpdated().block();
        }

        job.run().block(Duration.ofSeconds(60));

        assertThat(count("SELECT count(*) AS n FROM scheduled_reminder r JOIN coaching_session s USING (session_id) "
                + "WHERE s.tutor_id = " + tutor + " AND r.outcome = 'skipped'")).isEqualTo(150);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) AS n FROM pg_stat_activity "
                + "WHERE datname = current_database() AND state = 'idle in transaction'") == 0);
    }

    private void runJob() {
        web.post().uri("/api/admin/notifications/jobs/reminders").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk();
    }

    /** Stops the test clock at the current minute and answers it. */
    private Instant stopClock() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
        return now;
    }

    /** Publishes {@code type} for a one-hour coaching session of the tutor and one student, from {@code start}. */
    private void announce(String type, long session, long tutor, long student, Instant start) {
        publish(type, SessionEvents.seed000(session, tutor, student).at(start, start.plus(Duration.ofHours(1))).build());
    }

    private void awaitReminders(long session, Instant start, long expected) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM scheduled_reminder WHERE session_id = "
                + session + " AND session_start = '" + start + "'") == expected);
    }

    private void awaitReminders(long session, long expected) {
        await().atMost(WAIT).until(() ->
                count("SELECT count(*) AS n FROM scheduled_reminder WHERE session_id = " + session) == expected);
    }
}
