package io.coachwork.notification.push;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push on its way to the other replicas, as published on the user's Redis channel:
 * {@code {"origin": "<instance id>", "user_id": 42, "message": "<the socket message, as sent>"}}.
 * {@code origin} lets the publishing instance ignore its own copy (it has already delivered to its
 * sockets); {@code message} is the exact text a socket receives, so no replica re-renders it.
 */
public record PushEnvelope(String origin, long userId, String message) {

    private static final String CHANNEL_PREFIX = "coachwork:notifications:push:";

    /** The channel of one user: only the replicas holding one of their sockets subscribe to it. */
    public static String channel(long userId) {
        return CHANNEL_PREFIX + userId;
    }

    public String toJson(JsonMapper json) {
        return json.writeValueAsString(json.createObjectNode()
                .put("origin", origin).put("user_id", userId).put("message", message));
    }

    /** The envelope, or empty when the text is not one (another publisher on the channel, a newer format). */
    public static Optional<PushEnvelope> parse(JsonMapper json, String text) {
        try {
            JsonNode node = json.readTree(text);
            JsonNode origin = node.get("origin");
            JsonNode userId = node.get("user_id");
            JsonNode message = node.get("message");
            if (origin == null || !origin.isString() || userId == null || !userId.isIntegralNumber()
                    || message == null || !message.isString()) {
                return Optional.empty();
            }
            return Optional.of(new PushEnvelope(origin.asString(), userId.asLong(), message.asString()));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
