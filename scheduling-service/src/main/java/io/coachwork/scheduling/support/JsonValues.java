package io.coachwork.scheduling.support;

import io.coachwork.platform.web.CleanStringDeserializer;
import tools.jackson.core.JacksonException;

/** Handlers here bind JSON trees themselves so a refusal can name its field; this says what was wrong. */
public final class JsonValues {

    private JsonValues() {
    }

    /** Control characters (refused by the platform's string check) or a value of the wrong type. */
    public static String problem(JacksonException e) {
        return e instanceof CleanStringDeserializer.ControlCharactersException
                ? " must not contain control characters" : " has the wrong type";
    }
}
