package io.coachwork.notification.subscription;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.MessageRenderer;
import io.coachwork.notification.template.RenderedMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionNoticesTest {

    private static final Instant START = Instant.parse("2030-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2030-03-31T10:00:00Z");
    private final SubscriptionNotices mapping = new SubscriptionNotices(new Links("https://app.test"));

    private List<Notice> notices(String type, SubscriptionEvent event) {
        return mapping.notices(new NoticeMapping.SourceEvent<>("e1", type, event)).block();
    }

    private static SubscriptionEvent event(String tier, String previous, String status, Instant end, boolean unlimited) {
        return new SubscriptionEvent(1L, 5, tier, previous, status, START, end, unlimited, new BigDecimal("10.0"));
    }

    private static RenderedMessage render(Notice notice) {
        return MessageRenderer.render(notice.message(), "Tayo", ZoneId.of("UTC"), Map.of());
    }

    @Test
    void aNewTierWelcomesTheTutorWithItsEnd() {
        Notice notice = notices(EventTypes.SUBSCRIPTION_ACTIVATED, event("grand_master", "free", "active", END, true)).get(0);
        assertThat(notice.recipientId()).isEqualTo(5);
        assertThat(notice.type()).isEqualTo(NotificationType.SUBSCRIPTION_UPDATED);
        RenderedMessage message = render(notice);
        assertThat(message.title()).isEqualTo("Welcome to the Grand Master plan");
        assertThat(message.text()).contains("includes unlimited coaching hours").contains("2030");
    }

    @Test
    void aRefusedRenewalWarnsThatThePlanIsPastDue() {
        Notice notice = notices(EventTypes.SUBSCRIPTION_CHANGED, event("professional", "professional", "past_due", END, false)).get(0);
        assertThat(notice.type()).isEqualTo(NotificationType.SUBSCRIPTION_PAYMENT_FAILED);
        RenderedMessage message = render(notice);
        assertThat(message.title()).isEqualTo("Your Professional renewal payment failed");
        assertThat(message.text()).contains("Top up your wallet: https://app.test/tutor/wallet");
    }

    @Test
    void everyRetryOfOneRefusedRenewalIsOneFactAndTheNextPeriodsFailureANewOne() {
        SubscriptionEvent pastDue = event("professional", "professional", "past_due", END, false);
        String first = mapping.notices(new NoticeMapping.SourceEvent<>("retry-1", EventTypes.SUBSCRIPTION_CHANGED, pastDue))
                .block().get(0).dedupeKey();
        String second = mapping.notices(new NoticeMapping.SourceEvent<>("retry-2", EventTypes.SUBSCRIPTION_CHANGED, pastDue))
                .block().get(0).dedupeKey();
        assertThat(second).isEqualTo(first);
        String nextPeriod = mapping.notices(new NoticeMapping.SourceEvent<>("retry-3", EventTypes.SUBSCRIPTION_CHANGED,
                event("professional", "professional", "past_due", END.plusSeconds(30 * 86_400L), false))).block().get(0)
                .dedupeKey();
        assertThat(nextPeriod).isNotEqualTo(first);
        String renewed = mapping.notices(new NoticeMapping.SourceEvent<>("renewal", EventTypes.SUBSCRIPTION_RENEWED,
                event("professional", "professional", "active", END, false))).block().get(0).dedupeKey();
        assertThat(renewed).isNotEqualTo(first);
    }

    @Test
    void anExpiryExplainsTheReturnToFreeAndARenewalItsNewEnd() {
        Notice expired = notices(EventTypes.SUBSCRIPTION_EXPIRED, event("free", "expert", "expired", null, false)).get(0);
        assertThat(expired.type()).isEqualTo(NotificationType.SUBSCRIPTION_EXPIRED);
        assertThat(render(expired).title()).isEqualTo("You are now on the Free plan");
        assertThat(expired.message().subject()).isEqualTo("Your Expert plan has ended");

        Notice renewed = notices(EventTypes.SUBSCRIPTION_RENEWED, event("basic", "basic", "active", END, false)).get(0);
        assertThat(render(renewed).title()).startsWith("Your Basic plan was renewed until");
    }

    @Test
    void anAutoRenewToggleOnTheSameTierSaysNothing() {
        assertThat(notices(EventTypes.SUBSCRIPTION_CHANGED, event("basic", "basic", "active", END, false))).isEmpty();
    }
}
