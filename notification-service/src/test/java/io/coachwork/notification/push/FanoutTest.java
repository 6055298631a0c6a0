package io.coachwork.notification.push;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.NotificationApplication;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.notification.support.TestSocket;
import io.coachwork.platform.test.TestJwt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas against the same database and Redis: the shared test service (A), which consumes
 * the events, and a second instance (B) started here with its Kafka consumers off, so every event
 * is handled on A and whatever B's sockets receive came through the fan-out.
 */
class FanoutTest extends NotificationIntegrationTest {

    private static ConfigurableApplicationContext replicaB;

    @Autowired
    private Environment environment;
    @Autowired
    private PushSender sender;

    @BeforeEach
    void startReplicaB() {
        if (replicaB != null) {
            return;
        }
        // Command-line arguments, so they win over application.yml as the test's properties do on A.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--coachwork.kafka.consumers-enabled=false",
                // B never dispatches, so its email worker and reminder job have nothing to do.
                "--coachwork.notifications.email.poll-interval=PT1H",
                "--coachwork.notifications.reminders.initial-delay=PT1H",
                "--coachwork.security.jwt.jwks-uri="));
        for (String key : List.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password",
                "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
                "coachwork.kafka.bootstrap-servers", "coachwork.kafka.group-suffix", "coachwork.security.jwt.secret",
                "coachwork.jobs.cron-secret", "spring.mail.host", "spring.mail.port")) {
            arguments.add("--" + key + "=" + environment.getProperty(key, ""));
        }
        replicaB = new SpringApplicationBuilder(NotificationApplication.class).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    static void stopReplicaB() {
        if (replicaB != null) {
            replicaB.close();
            replicaB = null;
        }
    }

    private static int portOfB() {
        return ((WebServerApplicationContext) replicaB).getWebServer().getPort();
    }

    @Test
    void aPushHandledOnOneReplicaReachesEverySocketOfTheUserOnEachReplicaExactlyOnce() {
        long tutor = newId();
        long student = newId();
        long session = newId();
        try (TestSocket onB = TestSocket.connect(portOfB(), TestJwt.student(student));
             TestSocket alsoOnB = TestSocket.connect(portOfB(), TestJwt.student(student));
             TestSocket onA = TestSocket.connect(port, TestJwt.student(student))) {
            publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, student).build());
            publish(EventTypes.COACHING_SESSION_STARTED, SessionEvents.seed000(session, tutor).noStudents()
                    .status("active").build());
            // Sent last by the same instance, so once it is in every copy of an earlier push is too.
            publish(EventTypes.COACHING_SESSION_TIME_WARNING, SessionEvents.seed000(session, tutor).noStudents()
                    .minutesLeft(5).build());

            JsonNode inboxEntry = awaitInbox(student, "session_started");
            for (TestSocket socket : List.of(onB, alsoOnB, onA)) {
                socket.await("session:time_warning");
                assertThat(events(socket)).containsExactly("connection:ready", "session:invited", "session:started",
                        "session:time_warning");
                assertThat(socket.find("session:started").orElseThrow().get("notification_id").asLong())
                        .isEqualTo(inboxEntry.get("id").asLong());
            }
            assertThat(deliveries(student, "push")).hasSize(3).allSatisfy(row -> assertThat(row).containsEntry("status", "sent"));
        }
    }

    @Test
    void aUserWhoseOnlySocketIsOnTheOtherReplicaIsPushedAndLoggedAsSent() {
        long tutor = newId();
        long session = newId();
        try (TestSocket onB = TestSocket.connect(portOfB(), TestJwt.tutor(tutor))) {
            assertThat(sender.presence(Set.of(tutor)).block()).isEqualTo(Map.of(tutor, Presence.CONNECTED));
            publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor).build());
            publish(EventTypes.COACHING_SESSION_STARTED, SessionEvents.seed000(session, tutor).noStudents().build());

            assertThat(onB.await("session:started").get("data").get("session_id").asLong()).isEqualTo(session);
            await().atMost(WAIT).until(() -> !deliveries(tutor, "push").isEmpty());
            assertThat(deliveries(tutor, "push").get(0)).containsEntry("status", "sent");
        }
        // B lets go of the user's channel once their last socket there closes: from then on they are offline.
        await().atMost(WAIT).until(() -> sender.presence(Set.of(tutor)).block().get(tutor) == Presence.OFFLINE);
        publish(EventTypes.COACHING_SESSION_ENDED, SessionEvents.seed000(session, tutor).noStudents().used(30).build());
        await().atMost(WAIT).until(() -> deliveries(tutor, "push").size() == 2);
        assertThat(deliveries(tutor, "push").get(1))
                .containsEntry("status", "skipped").containsEntry("error", DispatchRules.NOT_CONNECTED);
    }

    private static List<String> events(TestSocket socket) {
        return socket.received().stream().map(m -> m.get("event").asString()).toList();
    }
}
