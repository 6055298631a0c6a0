package io.coachwork.notification.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notification says, before it is put into one recipient's words: text with
 * {@code {placeholders}} and the values that fill them. Values stay typed until rendering, so a
 * time is shown in the recipient's own zone and every piece of user data is escaped for HTML.
 * {@code {recipient}} (the recipient's name) is always available.
 */
public record Message(String subject, String heading, List<String> paragraphs, Action action,
                      Map<String, Object> values) {

    public Message {
        paragraphs = List.copyOf(paragraphs);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The one button of the email and the link of the notification. */
    public record Action(String label, String url) {
    }

    /** A time span, shown in the recipient's zone; {@code end} may be null. */
    public record When(Instant start, Instant end) {
    }

    /** A person named by user id; the dispatcher fills in their directory name, or {@code fallback}. */
    public record Person(long userId, String fallback) {
    }

    public static Builder subject(String subject) {
        return new Builder(subject);
    }

    public static final class Builder {

        private final String subject;
        private String heading;
        private final List<String> paragraphs = new ArrayList<>();
        private Action action;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder heading(String heading) {
            this.heading = heading;
            return this;
        }

        public Builder paragraph(String paragraph) {
            paragraphs.add(paragraph);
            return this;
        }

        public Builder action(String label, String url) {
            this.action = new Action(label, url);
            return this;
        }

        /** A placeholder value: text, a number, an {@link Instant}, a {@link When} or a {@link Person}. */
        public Builder value(String name, Object value) {
            values.put(name, value);
            return this;
        }

        public Message build() {
            return new Message(subject, heading == null ? subject : heading, paragraphs, action, values);
        }
    }
}
