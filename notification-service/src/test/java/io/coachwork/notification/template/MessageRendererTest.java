package io.coachwork.notification.template;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRendererTest {

    private static final Instant START = Instant.parse("2024-01-20T14:00:00Z");
    private static final Instant END = Instant.parse("2024-01-20T15:00:00Z");

    private static Message invitation(String title, String link) {
        return Message.subject("You're invited: {title}")
                .heading("{tutor} invited you")
                .paragraph("When: {when}")
                .action("Join session", link)
                .value("title", title)
                .value("when", new Message.When(START, END))
                .value("tutor", new Message.Person(7, "Your tutor"))
                .build();
    }

    @Test
    void timesAreShownInTheRecipientsZoneWithTheZoneNamed() {
        RenderedMessage lagos = MessageRenderer.render(invitation("JS", "https://x.test/j"), "Ada",
                ZoneId.of("Africa/Lagos"), Map.of(7L, "Tayo"));
        assertThat(lagos.body()).isEqualTo("When: Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)");
        RenderedMessage newYork = MessageRenderer.render(invitation("JS", "https://x.test/j"), "Ada",
                ZoneId.of("America/New_York"), Map.of());
        assertThat(newYork.body()).isEqualTo("When: Saturday, 20 January 2024, 09:00–10:00 (America/New_York)");
        assertThat(newYork.title()).isEqualTo("Your tutor invited you");
    }

    @Test
    void aSpanAcrossMidnightNamesBothDaysAndSummerTimeIsApplied() {
        assertThat(LocalTimes.span(START, END, ZoneId.of("Asia/Tokyo")))
                .isEqualTo("Saturday, 20 January 2024, 23:00 – Sunday, 21 January 2024, 00:00 (Asia/Tokyo)");
        assertThat(LocalTimes.time(Instant.parse("2024-07-01T14:00:00Z"), ZoneId.of("Europe/London")))
                .isEqualTo("Monday, 1 July 2024, 15:00 (Europe/London)");
        assertThat(LocalTimes.zone("Not/AZone")).isEqualTo(LocalTimes.DEFAULT_ZONE);
        assertThat(LocalTimes.zone(null)).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void userDataIsEscapedInHtmlAndKeptAsWrittenInText() {
        RenderedMessage m = MessageRenderer.render(invitation("<script>alert('x')</script> & more", "https://x.test/j?a=1&b=2"),
                "<b>Eve</b>", ZoneId.of("UTC"), Map.of(7L, "Tom \"T\" O'Neil"));
        assertThat(m.html()).doesNotContain("<script>").doesNotContain("<b>Eve</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("Hi &lt;b&gt;Eve&lt;/b&gt;,")
                .contains("Tom &quot;T&quot; O&#39;Neil invited you")
                .contains("href=\"https://x.test/j?a=1&amp;b=2\"");
        assertThat(m.text()).contains("Hi <b>Eve</b>,").contains("Join session: https://x.test/j?a=1&b=2");
        assertThat(m.subject()).isEqualTo("You're invited: <script>alert('x')</script> & more");
    }

    @Test
    void onlyWebLinksBecomeButtonsAndSubjectsStayOnOneLine() {
        RenderedMessage m = MessageRenderer.render(invitation("Line one\r\nBcc: victim@example.com", "javascript:alert(1)"),
                null, ZoneId.of("UTC"), Map.of());
        assertThat(m.subject()).isEqualTo("You're invited: Line one Bcc: victim@example.com");
        assertThat(m.html()).doesNotContain("javascript:").doesNotContain("<a ");
        assertThat(m.text()).startsWith("Hi there,").doesNotContain("Join session:");
    }

    @Test
    void aPlaceholderWithoutAValueIsAProgrammingError() {
        Message broken = Message.subject("Hello {nobody}").build();
        assertThatThrownBy(() -> MessageRenderer.render(broken, "Ada", ZoneId.of("UTC"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no value for {nobody}");
    }
}
