package io.coachwork.notification.delivery;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.SessionEvents;
import io.coachwork.platform.test.TestJwt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admins' delivery log: every channel of every notification, with status, attempts and error. */
class DeliveryLogTest extends NotificationIntegrationTest {

    @Test
    void theLogShowsSendsSkipsAndFailuresPerUserChannelAndStatus() {
        long tutor = newId();
        long reachable = newId();
        long noAddress = newId();
        long badAddress = newId();
        long session = newId();
        registerUser(reachable, "Reachable", emailOf(reachable), "UTC", "student");
        registerUser(badAddress, "Bad Address", "bad address@@example.com", "UTC", "student");

        publish(EventTypes.COACHING_SESSION_CREATED, SessionEvents.seed000(session, tutor, reachable, noAddress, badAddress).build());
        await().atMost(WAIT).until(() -> status(reachable, "email").equals("sent") && status(badAddress, "email").equals("failed"));

        JsonNode sent = list("?user_id=" + reachable + "&channel=email").get(0);
        assertThat(sent.get("status").asString()).isEqualTo("sent");
        assertThat(sent.get("type").asString()).isEqualTo("session_invitation");
        assertThat(sent.get("recipient").asString()).isEqualTo(emailOf(reachable));
        assertThat(sent.get("subject").asString()).isEqualTo("You're invited: " + SessionEvents.SEED_TITLE);
        assertThat(sent.get("attempts").asInt()).isEqualTo(1);
        assertThat(sent.get("sent_at").asString()).isNotBlank();

        JsonNode skipped = list("?user_id=" + noAddress + "&channel=email&status=skipped").get(0);
        assertThat(skipped.get("error").asString()).isEqualTo(DispatchRules.NO_ADDRESS);
        assertThat(list("?user_id=" + noAddress + "&channel=push").get(0).get("status").asString()).isEqualTo("skipped");

        // An address the mail library refuses fails at once: retrying cannot fix it.
        JsonNode failed = list("?user_id=" + badAddress + "&status=failed").get(0);
        assertThat(failed.get("channel").asString()).isEqualTo("email");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("error").asString()).contains("MailPreparationException");

        JsonNode page = get("/api/admin/notifications/deliveries?status=failed&limit=1", ADMIN).get("data");
        assertThat(page.get("pagination").get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("deliveries")).hasSize(1);
    }

    @Test
    void onlyAdminsReadTheLogAndFiltersAreChecked() {
        web.get().uri("/api/admin/notifications/deliveries").headers(h -> h.setBearerAuth(TestJwt.student(newId())))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/admin/notifications/deliveries").headers(h -> h.setBearerAuth(TestJwt.token(newId(), "super_admin")))
                .exchange().expectStatus().isOk();
        web.get().uri("/api/admin/notifications/deliveries?channel=fax").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("channel must be one of: email, push");
        web.get().uri("/api/admin/notifications/deliveries?status=lost").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        web.get().uri("/api/admin/notifications/deliveries?user_id=me").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("user_id must be a whole number");
    }

    private JsonNode list(String query) {
        return get("/api/admin/notifications/deliveries" + query, ADMIN).get("data").get("deliveries");
    }

    private String status(long userId, String channel) {
        var rows = deliveries(userId, channel);
        return rows.isEmpty() ? "" : (String) rows.get(0).get("status");
    }
}
