package io.coachwork.notification.email;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The emails claimed together go out over one SMTP connection, the ones queued during a pass go out
 * together in the next, and one the server refuses fails alone.
 */
class EmailBatchTest extends NotificationIntegrationTest {

    @Autowired
    private JavaMailSenderImpl mailSender;
    private Provider smtp;

    @BeforeEach
    void trackConnections() throws NoSuchProviderException {
        Session session = mailSender.getSession();
        smtp = session.getProvider("smtp");
        session.setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", TrackedTransport.class.getName(),
                smtp.getVendor(), smtp.getVersion()));
    }

    @AfterEach
    void restoreTransport() throws NoSuchProviderException {
        mailSender.getSession().setProvider(smtp);
    }

    @Test
    void theInvitationsOfOneSessionGoOutOverOneConnection() {
        long tutor = newId();
        long session = newId();
        List<Long> students = List.of(newId(), newId(), newId());
        students.forEach(student -> registerUser(student, "Student " + student, emailOf(student), "UTC", "student"));

        // One event, one transaction: the worker claims its three emails as one batch.
        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, students.toArray(Long[]::new)).build());

        students.forEach(student -> awaitEmails(emailOf(student), 1));
        await().atMost(WAIT).until(() -> students.stream().allMatch(student -> "sent".equals(emailStatus(student))));
        students.forEach(student -> assertThat(emailDelivery(student)).containsEntry("attempts", 1));
        assertThat(students).extracting(student -> TrackedTransport.connectionOf(emailOf(student)))
                .doesNotContainNull().containsOnly(TrackedTransport.connectionOf(emailOf(students.get(0))));
    }

    @Test
    void theEmailsQueuedWhileAPassSendsGoOutTogetherInTheNextPass() {
        long tutor = newId();
        long first = newId();
        List<Long> later = List.of(newId(), newId(), newId(), newId());
        registerUser(first, "First Student", emailOf(first), "UTC", "student");
        later.forEach(student -> registerUser(student, "Student " + student, emailOf(student), "UTC", "student"));

        CountDownLatch release = TrackedTransport.holdSendsTo(emailOf(first));
        try {
            publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(newId(), tutor, first).build());
            await().atMost(WAIT).until(() -> TrackedTransport.holding(emailOf(first)));
            // One event per student, each its own dispatch and its own wake-up, all while the first pass sends.
            later.forEach(student -> publish(EventTypes.COACHING_SESSION_CREATED,
                    SessionEvents.seed000(newId(), tutor, student).build()));
            await().atMost(WAIT).until(() -> later.stream()
                    .allMatch(student -> "pending".equals(emailStatus(student))));
        } finally {
            release.countDown();
        }

        await().atMost(WAIT).until(() -> Stream.concat(Stream.of(first), later.stream())
                .allMatch(student -> "sent".equals(emailStatus(student))));
        Integer firstConnection = TrackedTransport.connectionOf(emailOf(first));
        assertThat(later).extracting(student -> TrackedTransport.connectionOf(emailOf(student)))
                .doesNotContainNull().doesNotContain(firstConnection)
                .containsOnly(TrackedTransport.connectionOf(emailOf(later.get(0))));
    }

    @Test
    void aRecipientTheServerRefusesIsRetriedThenFailsWhileTheRestOfItsBatchIsSent() {
        long tutor = newId();
        long first = newId();
        long refused = newId();
        long last = newId();
        long session = newId();
        // Strict address syntax allows it, GreenMail does not: every SMTP command line is at most 4096 characters.
        String tooLong = "x".repeat(4100) + "@example.com";
        registerUser(first, "First Student", emailOf(first), "UTC", "student");
        registerUser(refused, "Refused Student", tooLong, "UTC", "student");
        registerUser(last, "Last Student", emailOf(last), "UTC", "student");

        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, first, refused, last).build());

        await().atMost(WAIT).until(() -> "failed".equals(emailStatus(refused))
                && "sent".equals(emailStatus(first)) && "sent".equals(emailStatus(last)));
        assertThat(emailDelivery(first)).containsEntry("attempts", 1).containsEntry("error", null);
        assertThat(emailDelivery(last)).containsEntry("attempts", 1).containsEntry("error", null);
        assertThat(awaitEmails(emailOf(first), 1)).hasSize(1);
        assertThat(awaitEmails(emailOf(last), 1)).hasSize(1);
        // The refusal did not cost the others their connection.
        assertThat(TrackedTransport.connectionOf(emailOf(last))).isNotNull()
                .isEqualTo(TrackedTransport.connectionOf(emailOf(first)));

        Map<String, Object> failed = emailDelivery(refused);
        assertThat(failed).containsEntry("attempts", 3).containsEntry("sent_at", null);
        assertThat((String) failed.get("error")).startsWith("MailSendException: Failed messages: jakarta.mail.SendFailedException")
                .contains("500 Command too long");
        assertThat(emailsTo(tooLong)).isEmpty();
    }

    private String emailStatus(long userId) {
        List<Map<String, Object>> rows = deliveries(userId, "email");
        return rows.isEmpty() ? "" : (String) rows.get(0).get("status");
    }

    private Map<String, Object> emailDelivery(long userId) {
        List<Map<String, Object>> rows = deliveries(userId, "email");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The SMTP transport, noting which connection carried the message to each recipient. */
    public static class TrackedTransport extends SMTPTransport {

        private static final AtomicInteger CONNECTIONS = new AtomicInteger();
        private static final Map<String, Integer> CONNECTION_BY_RECIPIENT = new ConcurrentHashMap<>();
        /** Recipients whose send waits, while it is held, until the latch opens. */
        private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
        private static final Set<String> HOLDING = ConcurrentHashMap.newKeySet();

        private int connection;

        public TrackedTransport(Session session, URLName url) {
            super(session, url);
        }

        static Integer connectionOf(String recipient) {
            return CONNECTION_BY_RECIPIENT.get(recipient);
        }

        /** Makes the send to {@code recipient} wait (at most the test's wait) until the returned latch opens. */
        static CountDownLatch holdSendsTo(String recipient) {
            return HELD.computeIfAbsent(recipient, r -> new CountDownLatch(1));
        }

        /** True while a send to {@code recipient} is held. */
        static boolean holding(String recipient) {
            return HOLDING.contains(recipient);
        }

        @Override
        protected synchronized boolean protocolConnect(String host, int port, String user, String password)
                throws MessagingException {
            connection = CONNECTIONS.incrementAndGet();
            return super.protocolConnect(host, port, user, password);
        }

        @Override
        public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
            for (Address address : addresses) {
                CountDownLatch hold = HELD.get(address.toString());
                if (hold != null) {
                    HOLDING.add(address.toString());
                    try {
                        hold.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        HOLDING.remove(address.toString());
                    }
                }
            }
            super.sendMessage(message, addresses);
            for (Address address : addresses) {
                CONNECTION_BY_RECIPIENT.put(address.toString(), connection);
            }
        }
    }
}
