package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes CloudEvents in structured JSON mode, and binds {@code data} to contract records. */
public class EventCodec {

    private final JsonMapper jsonMapper;

    public EventCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public String write(CloudEvent event) {
        return jsonMapper.writeValueAsString(event);
    }

    public CloudEvent read(byte[] value) {
        CloudEvent event = jsonMapper.readValue(new String(value, StandardCharsets.UTF_8), CloudEvent.class);
        if (event.id() == null || event.type() == null || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 event: id, type and specversion 1.0 are required");
        }
        return event;
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        return jsonMapper.treeToValue(event.data(), type);
    }

    public tools.jackson.databind.JsonNode toTree(Object data) {
        return jsonMapper.valueToTree(data);
    }
}
