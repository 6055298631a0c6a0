package io.coachwork.notification.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.TeachingEvents;
import io.coachwork.notification.support.TestSocket;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's teaching-session events over the socket and by email, each once (issue 10 item 7). */
class TeachingNotificationsTest extends NotificationIntegrationTest {

    @Test
    void aOneToOneSessionFromStartToSummary() throws Exception {
        long tutor = newId();
        long student = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "Europe/London", "tutor");
        registerUser(student, "John Doe", emailOf(student), "Africa/Lagos", "student");
        String id = TeachingEvents.newSessionId();
        TeachingEvents session = TeachingEvents.session(id, tutor).booked(student);

        try (TestSocket tutorSocket = TestSocket.connect(port, TestJwt.tutor(tutor));
             TestSocket studentSocket = TestSocket.connect(port, TestJwt.student(student))) {
            publishTeaching(EventTypes.TEACHING_SESSION_SCHEDULED, session.build());
            publishTeaching(EventTypes.TEACHING_SESSION_STARTING, session.occurredAt(Instant.parse("2024-01-20T13:55:00Z")).build());
            tutorSocket.await("session:starting");
            assertThat(studentSocket.await("session:starting").get("data").get("minutes_until_start").asLong()).isEqualTo(5);

            publishTeaching(EventTypes.TEACHING_SESSION_STARTED, session.status("IN_PROGRESS").by(tutor, null)
                    .occurredAt(Instant.parse("2024-01-20T14:00:00Z")).build());
            assertThat(studentSocket.await("session:started").get("data").get("teaching_session_id").asString()).isEqualTo(id);

            String message = TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_MESSAGE, id,
                    session.by(student, "Hello, can you hear me?").occurredAt(Instant.parse("2024-01-20T14:01:00Z")).build());
            deliverTwice(Topics.TEACHING_SESSIONS, id, message);
            JsonNode chat = tutorSocket.await("session:message");
            assertThat(chat.get("data").get("message").asString()).isEqualTo("Hello, can you hear me?");
            assertThat(chat.get("data").get("sender_id").asLong()).isEqualTo(student);

            publishTeaching(EventTypes.TEACHING_SESSION_FILE, session.by(tutor, "worksheet.pdf")
                    .occurredAt(Instant.parse("2024-01-20T14:02:00Z")).build());
            assertThat(studentSocket.await("session:file").get("data").get("file_name").asString()).isEqualTo("worksheet.pdf");

            publishTeaching(EventTypes.TEACHING_SESSION_COMPLETED, session.status("COMPLETED")
                    .participant(student, "BOOKED", 3000).by(tutor, null)
                    .occurredAt(Instant.parse("2024-01-20T15:00:00Z")).build());
            studentSocket.await("session:ended");
            tutorSocket.await("session:ended");

            // The tutor started it and shared the file; the student sent the message: nobody hears of their own act.
            assertThat(tutorSocket.find("session:started")).isEmpty();
            assertThat(tutorSocket.find("session:file")).isEmpty();
            assertThat(studentSocket.find("session:message")).isEmpty();
        }
        assertThat(inboxOfType(tutor, "session_message")).hasSize(1);

        // Seed 002 §9 emails the completion summary; starting, messages and files stay on the socket and in the inbox.
        MimeMessage summary = awaitEmails(emailOf(tutor), 1).get(0);
        assertThat(summary.getSubject()).isEqualTo("Session summary: Algebra basics");
        MimeMessage studentSummary = awaitEmails(emailOf(student), 2).stream()
                .filter(m -> subjectOf(m).startsWith("Session summary")).findFirst().orElseThrow();
        assertThat(studentSummary.getSubject()).isEqualTo("Session summary: Algebra basics");
        JsonNode tutorSummary = awaitInbox(tutor, "session_ended");
        assertThat(tutorSummary.get("body").asString()).contains("Duration: 1 h.").contains("John Doe: attended 50 min.");
        assertThat(deliveries(tutor, "email")).filteredOn(d -> "session_message".equals(d.get("type")))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("status", "skipped")
                        .containsEntry("error", DispatchRules.EMAIL_OFF));
        // The student's emails: the started notice and the summary.
        assertThat(emailsTo(emailOf(student))).extracting(TeachingNotificationsTest::subjectOf)
                .containsExactlyInAnyOrder("Algebra basics has started", "Session summary: Algebra basics");
    }

    @Test
    void aNoShowOfTheTutorTellsTheStudentTheyAreRefunded() {
        long tutor = newId();
        long student = newId();
        String id = TeachingEvents.newSessionId();
        publishTeaching(EventTypes.TEACHING_SESSION_NO_SHOW, TeachingEvents.session(id, tutor).booked(student)
                .status("NO_SHOW").noShow("TUTOR").build());
        JsonNode notice = awaitInbox(student, "session_no_show");
        assertThat(notice.get("event").asString()).isEqualTo("session:no_show");
        assertThat(notice.get("body").asString()).contains("You are refunded in full");
        assertThat(awaitInbox(tutor, "session_no_show").get("body").asString()).contains("Every student is refunded in full");
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
