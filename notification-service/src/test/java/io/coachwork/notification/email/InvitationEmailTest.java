package io.coachwork.notification.email;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TopicProbe;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 000: "Email invitations are sent to all students", through a real SMTP server. */
class InvitationEmailTest extends NotificationIntegrationTest {

    @Test
    void theSeed000InvitationReachesTheStudentWithTheirLocalTimeAndTheJoinLink() throws Exception {
        long tutor = newId();
        long student = newId();
        long session = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "Europe/London", "tutor");
        registerUser(student, "John Doe", emailOf(student), "Africa/Lagos", "student");

        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, student).build());

        MimeMessage email = awaitEmails(emailOf(student), 1).get(0);
        assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly(emailOf(student));
        assertThat(((InternetAddress) email.getFrom()[0]).getAddress()).isEqualTo("no-reply@coachwork.local");
        assertThat(email.getSubject()).isEqualTo("You're invited: JavaScript Fundamentals Review");

        MimeMultipart parts = (MimeMultipart) email.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = part(parts, "text/plain");
        String html = part(parts, "text/html");
        // 14:00 UTC is 15:00 in Lagos; the zone is named so nobody has to guess.
        assertThat(text).contains("Hi John Doe,")
                .contains("Tayo Tutor invited you to a coaching session")
                .contains("When: Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("Join session: " + SessionEvents.SEED_VIEW_LINK);
        assertThat(html).contains("Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("href=\"" + SessionEvents.SEED_VIEW_LINK + "\"");

        JsonNode invitation = awaitInbox(student, "session_invitation");
        assertThat(invitation.get("event").asString()).isEqualTo("session:invited");
        assertThat(invitation.get("data").get("start_time").asString()).isEqualTo("2024-01-20T14:00:00.000Z");
        assertThat(invitation.get("data").get("view_link").asString()).isEqualTo(SessionEvents.SEED_VIEW_LINK);
        await().atMost(WAIT).until(() -> "sent".equals(deliveries(student, "email").get(0).get("status")));
        assertThat(deliveries(student, "email").get(0)).containsEntry("attempts", 1).containsEntry("recipient", emailOf(student));
        // The tutor created the session; they are not invited to it.
        assertThat(inboxOfType(tutor, "session_invitation")).isEmpty();
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneEmail() {
        long tutor = newId();
        long student = newId();
        long marker = newId();
        long session = newId();
        registerUser(student, "Ada Student", emailOf(student), "Europe/Berlin", "student");
        registerUser(marker, "Marker Student", emailOf(marker), null, "student");
        String event = TestEvents.cloudEvent(UUID.randomUUID().toString(), EventTypes.COACHING_SESSION_CREATED,
                Long.toString(session), SessionEvents.seed000(session, tutor, student).build());
        // Same key, so the later invitation is handled after both copies.
        String later = TestEvents.cloudEvent(EventTypes.COACHING_SESSION_STUDENTS_INVITED, Long.toString(session),
                SessionEvents.seed000(session, tutor, marker).build());
        String key = Long.toString(session);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.COACHING_SESSIONS,
                List.of(Map.entry(key, event), Map.entry(key, event), Map.entry(key, later)));

        awaitEmails(emailOf(marker), 1);
        awaitEmails(emailOf(student), 1);
        await().atMost(WAIT).until(() -> "sent".equals(deliveries(student, "email").get(0).get("status")));
        assertThat(deliveries(student, "email")).hasSize(1);
        assertThat(emailsTo(emailOf(student))).hasSize(1);
        assertThat(inboxOfType(student, "session_invitation")).hasSize(1);
    }

    @Test
    void anSmtpFailureIsRetriedAndThenRecordedAsFailedWhileTheInboxKeepsTheNotification() {
        long tutor = newId();
        long student = newId();
        long session = newId();
        registerUser(student, "Offline Mail", emailOf(student), "UTC", "student");
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM delivery WHERE status IN ('pending', 'sending')") == 0);
        mail.stop();
        try {
            publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, student).build());
            await().atMost(WAIT).until(() -> !deliveries(student, "email").isEmpty()
                    && "failed".equals(deliveries(student, "email").get(0).get("status")));
        } finally {
            mail.start();
        }
        Map<String, Object> failed = deliveries(student, "email").get(0);
        assertThat(failed).containsEntry("attempts", 3);
        assertThat((String) failed.get("error")).contains("MailSendException");
        assertThat(inboxOfType(student, "session_invitation")).hasSize(1);
    }

    private static String part(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
