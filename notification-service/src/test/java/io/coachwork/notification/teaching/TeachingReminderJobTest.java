package io.coachwork.notification.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.TeachingEvents;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 002 §9: reminder emails 24 hours and 1 hour before a teaching session, driven by the movable clock. */
class TeachingReminderJobTest extends NotificationIntegrationTest {

    @Test
    void theTutorAndTheStudentsStillBookedAreRemindedOnceEach() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
        long tutor = newId();
        long leaver = newId();
        long stayer = newId();
        registerUser(stayer, "Stay Student", emailOf(stayer), "Africa/Lagos", "student");
        String id = TeachingEvents.newSessionId();
        Instant start = now.plus(Duration.ofHours(30));
        TeachingEvents session = TeachingEvents.session(id, tutor).group().at(start, start.plus(Duration.ofHours(1)));

        String scheduled = TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_SCHEDULED, id,
                session.booked(leaver).occurredAt(now).build());
        deliverTwice(Topics.TEACHING_SESSIONS, id, scheduled);
        publishTeaching(EventTypes.TEACHING_PARTICIPANT_JOINED, session.booked(stayer).occurredAt(now.plusSeconds(1)).build());
        publishTeaching(EventTypes.TEACHING_PARTICIPANT_LEFT, session.participant(leaver, "CANCELLED", 0)
                .occurredAt(now.plusSeconds(2)).build());
        // A late copy of an older event does not bring the leaver back.
        String stale = UUID.randomUUID().toString();
        TopicProbe.send(Topics.TEACHING_SESSIONS, id, TestEvents.cloudEvent(stale, EventTypes.TEACHING_PARTICIPANT_JOINED, id,
                TeachingEvents.session(id, tutor).group().at(start, start.plus(Duration.ofHours(1))).booked(leaver)
                        .occurredAt(now.plusMillis(500)).build()));
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM inbox_event WHERE consumer = 'notifications' "
                + "AND event_id = '" + stale + "'") == 1);
        awaitReminders(id, 2);
        assertThat(count("SELECT cardinality(booked_student_ids)::bigint AS n FROM teaching_session WHERE session_id = '"
                + id + "'")).isEqualTo(1);

        clock.set(start.minus(Duration.ofHours(24)).minusSeconds(60));
        runJob();
        assertThat(inboxOfType(stayer, "session_reminder_24h")).isEmpty();

        clock.set(start.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        runJob();
        assertThat(inboxOfType(tutor, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(stayer, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(leaver, "session_reminder_24h")).isEmpty();
        JsonNode reminder = inboxOfType(stayer, "session_reminder_24h").get(0);
        assertThat(reminder.get("title").asString()).isEqualTo("Algebra basics starts in 24 hours");
        assertThat(reminder.get("data").get("teaching_session_id").asString()).isEqualTo(id);
        assertThat(awaitEmails(emailOf(stayer), 1).get(0).getSubject()).isEqualTo("Reminder: Algebra basics starts in 24 hours");

        clock.set(start.minus(Duration.ofHours(1)).plusSeconds(60));
        runJob();
        runJob();
        assertThat(inboxOfType(stayer, "session_reminder_1h")).hasSize(1);
        assertThat(inboxOfType(tutor, "session_reminder_1h")).hasSize(1);
        assertThat(inboxOfType(leaver, "session_reminder_1h")).isEmpty();
        assertThat(inboxOfType(stayer, "session_reminder_24h")).hasSize(1);
        awaitEmails(emailOf(stayer), 2);
        assertThat(emailsTo(emailOf(stayer))).hasSize(2);
    }

    @Test
    void aCancelledSessionGetsNoReminders() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
        long tutor = newId();
        long student = newId();
        String id = TeachingEvents.newSessionId();
        Instant start = now.plus(Duration.ofHours(30));
        TeachingEvents session = TeachingEvents.session(id, tutor).at(start, start.plus(Duration.ofHours(1)));
        publishTeaching(EventTypes.TEACHING_SESSION_SCHEDULED, session.booked(student).occurredAt(now).build());
        awaitReminders(id, 2);
        publishTeaching(EventTypes.TEACHING_SESSION_CANCELLED, session.status("CANCELLED")
                .participant(student, "CANCELLED", 0).occurredAt(now.plusSeconds(1)).build());
        awaitReminders(id, 0);

        for (Duration lead : new Duration[]{Duration.ofHours(24), Duration.ofHours(1)}) {
            clock.set(start.minus(lead).plusSeconds(60));
            runJob();
        }
        assertThat(inboxOfType(student, "session_reminder_24h")).isEmpty();
        assertThat(inboxOfType(student, "session_reminder_1h")).isEmpty();
        assertThat(inboxOfType(tutor, "session_reminder_1h")).isEmpty();
    }

    @Test
    void aMovedSessionIsRemindedAtItsNewTimeOnly() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
        long tutor = newId();
        long student = newId();
        String id = TeachingEvents.newSessionId();
        Instant first = now.plus(Duration.ofHours(30));
        Instant moved = now.plus(Duration.ofHours(54));
        publishTeaching(EventTypes.TEACHING_SESSION_SCHEDULED, TeachingEvents.session(id, tutor).booked(student)
                .at(first, first.plus(Duration.ofHours(1))).occurredAt(now).build());
        publishTeaching(EventTypes.TEACHING_SESSION_SCHEDULED, TeachingEvents.session(id, tutor).booked(student)
                .at(moved, moved.plus(Duration.ofHours(1))).occurredAt(now.plusSeconds(1)).build());
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM teaching_reminder WHERE session_id = '"
                + id + "' AND session_start = '" + moved + "'") == 2);

        clock.set(first.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).isEmpty();

        clock.set(moved.minus(Duration.ofHours(24)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(student, "session_reminder_24h")).hasSize(1);
        assertThat(inboxOfType(student, "session_reminder_24h").get(0).get("data").get("starts_at").asString())
                .isEqualTo(io.coachwork.platform.web.ApiTimestamps.format(moved));
    }

    @Test
    void aSessionNobodyIsBookedIntoRemindsNobody() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
        long tutor = newId();
        long student = newId();
        String id = TeachingEvents.newSessionId();
        Instant start = now.plus(Duration.ofHours(3));
        TeachingEvents session = TeachingEvents.session(id, tutor).group().at(start, start.plus(Duration.ofHours(1)));
        publishTeaching(EventTypes.TEACHING_SESSION_SCHEDULED, session.booked(student).occurredAt(now).build());
        publishTeaching(EventTypes.TEACHING_PARTICIPANT_LEFT, session.participant(student, "CANCELLED", 0)
                .occurredAt(now.plusSeconds(1)).build());
        awaitReminders(id, 1);
        await().atMost(WAIT).until(() -> count("SELECT cardinality(booked_student_ids)::bigint AS n FROM teaching_session "
                + "WHERE session_id = '" + id + "'") == 0);

        clock.set(start.minus(Duration.ofHours(1)).plusSeconds(60));
        runJob();
        assertThat(inboxOfType(tutor, "session_reminder_1h")).isEmpty();
        assertThat(count("SELECT count(*) AS n FROM teaching_reminder WHERE session_id = '" + id
                + "' AND outcome = 'skipped'")).isEqualTo(1);
    }

    private void runJob() {
        web.post().uri("/api/admin/notifications/jobs/reminders").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk();
    }

    private void awaitReminders(String id, long expected) {
        await().atMost(WAIT).until(() ->
                count("SELECT count(*) AS n FROM teaching_reminder WHERE session_id = '" + id + "'") == expected);
    }
}
