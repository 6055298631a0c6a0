package io.coachwork.platform.web;

/**
 * Control characters in text: PostgreSQL refuses NUL outright (SQLSTATE 22021) and the others have
 * no business in names, titles or ids. Tab, line feed and carriage return stay allowed (descriptions
 * have lines). Input from clients is refused; claims from identity providers are stripped.
 */
public final class TextHygiene {

    private TextHygiene() {
    }

    public static boolean isClean(String text) {
        return text == null || text.chars().noneMatch(TextHygiene::isControl);
    }

    /** The text without its control characters, or null for null. */
    public static String strip(String text) {
        if (isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.chars().filter(c -> !isControl(c)).forEach(c -> out.append((char) c));
        return out.toString();
    }

    /**
     * True when the codec refused a string for its control characters: for services that bind a
     * JSON tree themselves and name the field in their own refusal.
     */
    public static boolean refusedByCodec(Throwable failure) {
        return failure instanceof CleanStringDeserializer.ControlCharactersException;
    }

    static boolean isControl(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}
