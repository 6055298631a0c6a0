package io.coachwork.notification.push;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What a WebSocket client receives: {@code {"event": "session:started", "data": {...},
 * "notification_id": 42, "created_at": "2024-01-20T14:05:00.000Z"}}. {@code notification_id} is
 * the inbox entry (null for the connection's own {@code connection:ready} greeting).
 */
public record PushMessage(String event, JsonNode data, Long notificationId, Instant createdAt) {
}
