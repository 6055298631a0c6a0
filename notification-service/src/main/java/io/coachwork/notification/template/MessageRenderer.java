package io.coachwork.notification.template;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a {@link Message} into one recipient's words: their name, times in their zone, and a text
 * and an HTML version of the email built from the same content. Templates carry no markup; the
 * HTML escapes the whole filled-in text, so user data (a session title, a name) can never inject
 * markup, and only http(s) links become a button.
 */
public final class MessageRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    private static final String FOOTER = "You are receiving this because you use Coachwork. "
            + "You can choose which notifications reach you by email in your notification preferences.";

    private MessageRenderer() {
    }

    /**
     * @param recipientName the recipient's name, or null when the directory has none
     * @param names         names of the {@link Message.Person}s the message mentions, by user id
     */
    public static RenderedMessage render(Message message, String recipientName, ZoneId zone, Map<Long, String> names) {
        Filler fill = new Filler(message.values(), recipientName, zone, names);
        String subject = singleLine(fill.apply(message.subject()));
        String title = singleLine(fill.apply(message.heading()));
        List<String> paragraphs = message.paragraphs().stream().map(fill::apply).toList();
        Message.Action action = message.action();
        String url = action != null && Html.isWebLink(action.url()) ? action.url() : null;
        String label = url == null ? null : fill.apply(action.label());

        String greeting = "Hi " + (recipientName == null || recipientName.isBlank() ? "there" : recipientName.trim()) + ",";
        String body = String.join("\n\n", paragraphs);

        StringBuilder text = new StringBuilder().append(greeting).append("\n\n").append(title).append("\n\n");
        paragraphs.forEach(p -> text.append(p).append("\n\n"));
        if (url != null) {
            text.append(label).append(": ").append(url).append("\n\n");
        }
        text.append("-- \n").append(FOOTER).append('\n');

        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(Html.escape(subject))
                .append("</title></head>\n<body style=\"margin:0;padding:0;background:#f5f6f8;\">\n")
                .append("<div style=\"max-width:560px;margin:0 auto;padding:24px;font-family:Helvetica,Arial,sans-serif;")
                .append("color:#1f2933;background:#ffffff;\">\n")
                .append("<p>").append(Html.escape(greeting)).append("</p>\n")
                .append("<h2 style=\"font-size:20px;margin:16px 0;\">").append(Html.escape(title)).append("</h2>\n");
        paragraphs.forEach(p -> html.append("<p style=\"line-height:1.5;\">").append(Html.escape(p)).append("</p>\n"));
        if (url != null) {
            html.append("<p style=\"margin:24px 0;\"><a href=\"").append(Html.escape(url))
                    .append("\" style=\"background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;")
                    .append("text-decoration:none;display:inline-block;\">").append(Html.escape(label)).append("</a></p>\n")
                    .append("<p style=\"font-size:12px;color:#52606d;\">").append(Html.escape(url)).append("</p>\n");
        }
        html.append("<p style=\"font-size:12px;color:#7b8794;border-top:1px solid #e4e7eb;padding-top:12px;\">")
                .append(Html.escape(FOOTER)).append("</p>\n</div>\n</body></html>\n");

        return new RenderedMessage(subject, title, body, text.toString(), html.toString());
    }

    /** Subjects and titles are one line: a line break in user data must not reach a mail header. */
    private static String singleLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").trim();
    }

    private record Filler(Map<String, Object> values, String recipientName, ZoneId zone, Map<Long, String> names) {

        String apply(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String value(String name) {
            if ("recipient".equals(name)) {
                return recipientName == null || recipientName.isBlank() ? "there" : recipientName.trim();
            }
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for {" + name + "}");
            }
            Object value = values.get(name);
            if (value instanceof Instant instant) {
                return LocalTimes.time(instant, zone);
            }
            if (value instanceof Message.When when) {
                return LocalTimes.span(when.start(), when.end(), zone);
            }
            if (value instanceof Message.Person person) {
                String known = names.get(person.userId());
                return known == null || known.isBlank() ? person.fallback() : known.trim();
            }
            return String.valueOf(value);
        }
    }
}
