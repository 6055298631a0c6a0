package io.coachwork.notification.template;

/**
 * One recipient's copy of a message: {@code title} and {@code body} for the inbox and push, and
 * the email's {@code subject}, plain {@code text} and {@code html} parts.
 */
public record RenderedMessage(String subject, String title, String body, String text, String html) {
}
