package io.coachwork.platform.test;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Builds CloudEvents JSON the way partner systems publish them. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private TestEvents() {
    }

    public static String cloudEvent(String id, String type, String subject, Object data) {
        var event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", "/partner/test")
                .put("type", type)
                .put("subject", subject)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", JSON.valueToTree(data));
        return JSON.writeValueAsString(event);
    }

    public static String cloudEvent(String type, String subject, Object data) {
        return cloudEvent(UUID.randomUUID().toString(), type, subject, data);
    }

    public static JsonMapper json() {
        return JSON;
    }
}
