package io.coachwork.notification.inbox;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An inbox entry as its owner sees it. */
public record NotificationView(long id, String type, String event, String title, String body, JsonNode data,
                               boolean read, Instant readAt, Instant createdAt) {
}
