package io.coachwork.notification.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Base of notification-service's integration tests: one shared service against real PostgreSQL,
 * Kafka and a GreenMail SMTP server, with a movable clock and fast email retries.
 */
@ServiceTest
@TestPropertySource(properties = {
        "coachwork.jobs.cron-secret=test-cron-secret",
        "coachwork.notifications.app-base-url=https://app.coachwork.test",
        "coachwork.notifications.email.initial-backoff=50ms",
        "coachwork.notifications.email.poll-interval=PT1S",
        // Tests run the reminder job on demand, at the clock they set.
        "coachwork.notifications.reminders.initial-delay=PT1H"})
public abstract class NotificationIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final String ADMIN = TestJwt.token(9001, "admin");
    private static final int SMTP_PORT = freePort();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    @RegisterExtension
    protected static final GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;
    @LocalServerPort
    protected int port;

    /** An id (user or session) no other test uses. */
    protected static long newId() {
        return IDS.incrementAndGet();
    }

    protected static String emailOf(long userId) {
        return "user" + userId + "@example.com";
    }

    /** The identity provider announces a user; returns once this service's directory knows them. */
    protected void registerUser(long userId, String name, String email, String timeZone, String... roles) {
        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(userId), TestEvents.cloudEvent(
                EventTypes.IDENTITY_USER_CREATED, Long.toString(userId),
                new IdentityUser(userId, name, email, Arrays.asList(roles), timeZone)));
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM directory_user WHERE user_id = " + userId) == 1);
    }

    /** session-service publishes a coaching-session event (key = session id, as in production). */
    protected static String publish(String type, CoachingSessionEvent event) {
        String cloudEvent = TestEvents.cloudEvent(type, Long.toString(event.sessionId()), event);
        TopicProbe.send(Topics.COACHING_SESSIONS, Long.toString(event.sessionId()), cloudEvent);
        return cloudEvent;
    }

    /** scheduling-service publishes a booking event (key = booking id); returns the CloudEvent as sent. */
    protected static String publishBooking(String type, String bookingId, Object data) {
        String cloudEvent = TestEvents.cloudEvent(type, bookingId, data);
        TopicProbe.send(Topics.BOOKINGS, bookingId, cloudEvent);
        return cloudEvent;
    }

    /** session-service publishes a teaching-session event (key = session id); returns the CloudEvent as sent. */
    protected static String publishTeaching(String type, TeachingSessionEvent event) {
        String cloudEvent = TestEvents.cloudEvent(type, event.sessionId(), event);
        TopicProbe.send(Topics.TEACHING_SESSIONS, event.sessionId(), cloudEvent);
        return cloudEvent;
    }

    /** The same CloudEvent delivered twice in a row (as after a consumer crash before its offset commit). */
    protected static void deliverTwice(String topic, String key, String cloudEvent) {
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), topic,
                List.of(Map.entry(key, cloudEvent), Map.entry(key, cloudEvent)));
    }

    /** The user's inbox entries, newest first. */
    protected JsonNode inbox(long userId) {
        return get("/api/notifications?limit=100", TestJwt.token(userId, "student", "tutor")).get("data").get("notifications");
    }

    protected List<JsonNode> inboxOfType(long userId, String type) {
        JsonNode all = inbox(userId);
        return all.valueStream()
                .filter(n -> type.equals(n.get("type").asString())).toList();
    }

    protected JsonNode awaitInbox(long userId, String type) {
        await().atMost(WAIT).until(() -> !inboxOfType(userId, type).isEmpty());
        return inboxOfType(userId, type).get(0);
    }

    protected JsonNode get(String uri, String token) {
        String body = web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return TestEvents.json().readTree(body);
    }

    /** Delivery log rows of one user and channel, oldest first. */
    protected List<Map<String, Object>> deliveries(long userId, String channel) {
        return db.sql("SELECT * FROM delivery WHERE user_id = :u AND channel = :c ORDER BY id")
                .bind("u", userId).bind("c", channel)
                .fetch().all().collectList().block();
    }

    protected long count(String sql) {
        return db.sql(sql).map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    protected static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, address)).toList();
    }

    protected static List<MimeMessage> awaitEmails(String address, int expected) {
        await().atMost(WAIT).until(() -> emailsTo(address).size() >= expected);
        return emailsTo(address);
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
