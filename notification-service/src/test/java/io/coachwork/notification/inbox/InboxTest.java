package io.coachwork.notification.inbox;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each user's in-app inbox: newest first, paginated, with the unread count; read one or all. */
class InboxTest extends NotificationIntegrationTest {

    @Test
    void theInboxPaginatesCountsUnreadAndMarksReadForItsOwnerOnly() {
        long tutor = newId();
        String token = TestJwt.tutor(tutor);
        for (long minutes : new long[]{90, 45, 30}) {
            lowBalance(tutor, minutes);
        }
        await().atMost(WAIT).until(() -> inbox(tutor).size() == 3);

        JsonNode first = get("/api/notifications?page=1&limit=2", token).get("data");
        assertThat(first.get("unread_count").asLong()).isEqualTo(3);
        assertThat(first.get("pagination").get("total").asLong()).isEqualTo(3);
        assertThat(first.get("pagination").get("pages").asLong()).isEqualTo(2);
        assertThat(first.get("notifications")).hasSize(2);
        JsonNode newest = first.get("notifications").get(0);
        assertThat(newest.get("type").asString()).isEqualTo("hours_balance_low");
        assertThat(newest.get("event").asString()).isEqualTo("wallet:hours_balance_low");
        assertThat(newest.get("title").asString()).isEqualTo("You have 0.5 coaching hours left");
        assertThat(newest.get("data").get("hours_balance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(newest.get("read").asBoolean()).isFalse();
        assertThat(get("/api/notifications?page=2&limit=2", token).get("data").get("notifications")).hasSize(1);

        long id = newest.get("id").asLong();
        web.post().uri("/api/notifications/{id}/read", id).headers(h -> h.setBearerAuth(TestJwt.student(newId())))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/notifications/{id}/read", id).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Notification marked as read")
                .jsonPath("$.data.read").isEqualTo(true)
                .jsonPath("$.data.read_at").isNotEmpty();

        JsonNode unread = get("/api/notifications?unread_only=true", token).get("data");
        assertThat(unread.get("unread_count").asLong()).isEqualTo(2);
        assertThat(unread.get("notifications")).hasSize(2)
                .allSatisfy(n -> assertThat(n.get("id").asLong()).isNotEqualTo(id));

        web.post().uri("/api/notifications/read-all").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.updated").isEqualTo(2)
                .jsonPath("$.data.unread_count").isEqualTo(0);
        assertThat(get("/api/notifications?unread_only=true", token).get("data").get("notifications")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        String token = TestJwt.student(newId());
        web.get().uri("/api/notifications?unread_only=maybe").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("unread_only must be true or false");
        web.get().uri("/api/notifications?limit=101").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        web.post().uri("/api/notifications/999999999/read").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Notification not found");
        web.post().uri("/api/notifications/abc/read").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest();
    }

    private static void lowBalance(long tutor, long availableMinutes) {
        TopicProbe.send(Topics.WALLET_EVENTS, Long.toString(tutor), TestEvents.cloudEvent(EventTypes.HOURS_BALANCE_LOW,
                Long.toString(tutor), new WalletEvents.HoursBalanceLow(tutor, availableMinutes, 60)));
    }
}
