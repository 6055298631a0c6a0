package io.coachwork.notification.push;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.notification.support.TestSocket;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seed 002's realtime events over /ws/notifications, authenticated by the JWT in the query string. */
class RealtimePushTest extends NotificationIntegrationTest {

    @Test
    void aStudentConnectedOnTwoDevicesReceivesSessionStartedOnBoth() {
        long tutor = newId();
        long student = newId();
        long session = newId();
        try (TestSocket phone = TestSocket.connect(port, TestJwt.student(student));
             TestSocket laptop = TestSocket.connect(port, TestJwt.student(student))) {
            assertThat(phone.find("connection:ready").orElseThrow().get("data").get("user_id").asLong()).isEqualTo(student);

            publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, student).build());
            publish(EventTypes.COACHING_SESSION_STARTED, SessionEvents.seed000(session, tutor).noStudents()
                    .status("active").build());

            for (TestSocket device : List.of(phone, laptop)) {
                JsonNode started = device.await("session:started");
                assertThat(started.get("notification_id").isNumber()).isTrue();
                assertThat(started.get("created_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
                JsonNode data = started.get("data");
                assertThat(data.get("type").asString()).isEqualTo("session_started");
                assertThat(data.get("session_id").asLong()).isEqualTo(session);
                assertThat(data.get("title").asString()).isEqualTo(SessionEvents.SEED_TITLE);
                assertThat(data.get("view_link").asString()).isEqualTo(SessionEvents.SEED_VIEW_LINK);
                assertThat(data.get("status").asString()).isEqualTo("active");
                device.await("session:invited");
            }
            JsonNode inboxEntry = awaitInbox(student, "session_started");
            assertThat(phone.await("session:started").get("notification_id").asLong()).isEqualTo(inboxEntry.get("id").asLong());
        }
    }

    @Test
    void anOfflineUserFindsTheNotificationInTheInbox() {
        long tutor = newId();
        long session = newId();
        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor).build());
        publish(EventTypes.COACHING_SESSION_STARTED, SessionEvents.seed000(session, tutor).noStudents().build());

        JsonNode started = awaitInbox(tutor, "session_started");
        assertThat(started.get("read").asBoolean()).isFalse();
        await().atMost(WAIT).until(() -> !deliveries(tutor, "push").isEmpty());
        assertThat(deliveries(tutor, "push").get(0))
                .containsEntry("status", "skipped").containsEntry("error", DispatchRules.NOT_CONNECTED);

        try (TestSocket socket = TestSocket.connect(port, TestJwt.tutor(tutor))) {
            assertThat(socket.find("connection:ready").orElseThrow().get("data").get("unread_count").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionWithoutAValidTokenIsRefused() {
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();
        String otherSecret = TestJwt.token("some-other-secret-0123456789-abcdefghijkl", 5, "Mallory", null,
                List.of("student"), null, Duration.ofHours(1));
        for (String token : new String[]{null, "not-a-jwt", otherSecret}) {
            assertThatThrownBy(() -> client.execute(TestSocket.uri(port, token), session -> Mono.empty())
                    .block(Duration.ofSeconds(10)))
                    .as("token %s", token)
                    .hasMessageContaining("401");
        }
    }
}
