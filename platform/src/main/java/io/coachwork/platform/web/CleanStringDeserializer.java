package io.coachwork.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;

/**
 * Every JSON string a service reads, refused (400 naming the field) when it holds control
 * characters, so no handler has to remember to check and no NUL reaches PostgreSQL.
 */
final class CleanStringDeserializer extends StdScalarDeserializer<String> {

    CleanStringDeserializer() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String value = StringDeserializer.instance.deserialize(p, ctxt);
        if (!TextHygiene.isClean(value)) {
            throw new ControlCharactersException(p);
        }
        return value;
    }

    /** Told apart by {@link ApiErrorHandler}, which names the field. */
    static final class ControlCharactersException extends MismatchedInputException {
        ControlCharactersException(JsonParser p) {
            super(p, "must not contain control characters", p.currentLocation());
        }
    }
}
