package io.coachwork.notification.preference;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.platform.test.TestJwt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Per-type email and push choices: on by default; turning email off stops emails, never the inbox. */
class PreferencesTest extends NotificationIntegrationTest {

    @Test
    void everyTypeStartsWithPushOnAndEmailOnExceptForMomentsThatOnlyMatterOnline() {
        JsonNode preferences = get("/api/notifications/preferences", TestJwt.student(newId())).get("data").get("preferences");
        assertThat(preferences.valueStream().map(p -> p.get("type").asString()))
                .containsExactly("session_invitation", "session_started", "session_time_warning", "session_ended",
                        "session_cancelled", "session_reminder_24h", "session_reminder_1h", "hours_balance_low",
                        "wallet_updated", "subscription_updated", "subscription_payment_failed", "subscription_expired",
                        "session_booked", "booking_refunded", "booking_expired", "booking_payment_failed",
                        "waitlist_offered", "session_starting", "session_message", "session_file", "session_no_show");
        Set<String> notEmailed = Set.of("session_starting", "session_message", "session_file");
        assertThat(preferences).allSatisfy(p -> {
            assertThat(p.get("email").asBoolean()).as(p.toString()).isEqualTo(!notEmailed.contains(p.get("type").asString()));
            assertThat(p.get("push").asBoolean()).isTrue();
        });
    }

    @Test
    void aTypeNotEmailedByDefaultCanBeTurnedOnAndKeepsItsPushDefault() {
        String token = TestJwt.student(newId());
        put(token, "{\"preferences\":[{\"type\":\"session_message\",\"email\":true}]}").expectStatus().isOk();
        put(token, "{\"preferences\":[{\"type\":\"session_file\",\"push\":false}]}").expectStatus().isOk();
        JsonNode preferences = get("/api/notifications/preferences", token).get("data").get("preferences");
        JsonNode message = preferences.valueStream().filter(p -> "session_message".equals(p.get("type").asString())).findFirst().orElseThrow();
        JsonNode file = preferences.valueStream().filter(p -> "session_file".equals(p.get("type").asString())).findFirst().orElseThrow();
        assertThat(message.get("email").asBoolean()).isTrue();
        assertThat(message.get("push").asBoolean()).isTrue();
        assertThat(file.get("email").asBoolean()).isFalse();
        assertThat(file.get("push").asBoolean()).isFalse();
    }

    @Test
    void turningEmailOffStopsInvitationEmailsButKeepsTheInbox() {
        long tutor = newId();
        long student = newId();
        long session = newId();
        String token = TestJwt.student(student);
        registerUser(student, "Quiet Student", emailOf(student), "Asia/Tokyo", "student");

        put(token, "{\"preferences\":[{\"type\":\"session_invitation\",\"email\":false}]}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Notification preferences updated")
                .jsonPath("$.data.preferences[0].type").isEqualTo("session_invitation")
                .jsonPath("$.data.preferences[0].email").isEqualTo(false)
                .jsonPath("$.data.preferences[0].push").isEqualTo(true);

        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, student).build());

        JsonNode invitation = awaitInbox(student, "session_invitation");
        // 14:00–15:00 UTC crosses midnight in Tokyo, so both days are named.
        assertThat(invitation.get("body").asString())
                .contains("When: Saturday, 20 January 2024, 23:00 – Sunday, 21 January 2024, 00:00 (Asia/Tokyo)");
        await().atMost(WAIT).until(() -> !deliveries(student, "email").isEmpty());
        assertThat(deliveries(student, "email").get(0))
                .containsEntry("status", "skipped").containsEntry("error", DispatchRules.EMAIL_OFF);
        assertThat(emailsTo(emailOf(student))).isEmpty();
    }

    @Test
    void anUnknownTypeIsRefusedAndChangesNothing() {
        long student = newId();
        String token = TestJwt.student(student);
        put(token, "{\"preferences\":[{\"type\":\"session_ended\",\"push\":false},{\"type\":\"carrier_pigeon\",\"email\":false}]}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("preferences[1].type")
                .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("Unknown notification type: carrier_pigeon"));
        put(token, "{\"preferences\":[{\"type\":\"session_ended\"}]}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("preferences[0]");
        put(token, "{}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("preferences is required");

        JsonNode preferences = get("/api/notifications/preferences", token).get("data").get("preferences");
        assertThat(preferences).allSatisfy(p -> assertThat(p.get("push").asBoolean()).isTrue());
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(String token, String body) {
        return web.put().uri("/api/notifications/preferences").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
