package io.coachwork.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, exactly as it travels on every Kafka topic.
 * {@code data} stays a JSON tree so a consumer binds it to the contract record it expects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"})
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String DATA_CONTENT_TYPE = "application/json";
}
