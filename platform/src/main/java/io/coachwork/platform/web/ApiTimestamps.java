package io.coachwork.platform.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Timestamps as seed 000 shows them: UTC, always with milliseconds ({@code 2024-01-20T14:00:00.000Z}). */
public final class ApiTimestamps {

    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiTimestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    static final class InstantSerializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(FORMAT.format(value));
        }
    }
}
