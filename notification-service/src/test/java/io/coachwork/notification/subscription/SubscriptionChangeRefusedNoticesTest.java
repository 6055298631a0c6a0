package io.coachwork.notification.subscription;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.subscription.SubscriptionChangeRefused;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.MessageRenderer;
import io.coachwork.notification.template.RenderedMessage;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 7 item 10: a paid change refused after its 202 reaches the tutor with the wallet's reason. */
class SubscriptionChangeRefusedNoticesTest {

    private final SubscriptionChangeRefusedNotices mapping =
            new SubscriptionChangeRefusedNotices(new Links("https://app.test"));

    @Test
    void theTutorHearsWhyTheChangeWasRefusedAndWhereToTopUp() {
        String reason = "Insufficient wallet balance to subscribe to the Grand Master tier. Required: 748500.0 NGN, "
                + "Available: 30.0 NGN";
        List<Notice> notices = mapping.notices(new NoticeMapping.SourceEvent<>("e1",
                EventTypes.SUBSCRIPTION_CHANGE_REFUSED, new SubscriptionChangeRefused("saga-1", 5, "grand_master",
                reason))).block();

        assertThat(notices).hasSize(1);
        Notice notice = notices.get(0);
        assertThat(notice.recipientId()).isEqualTo(5);
        assertThat(notice.type()).isEqualTo(NotificationType.SUBSCRIPTION_PAYMENT_FAILED);
        assertThat(notice.data()).containsEntry("saga_id", "saga-1").containsEntry("subscription_tier", "grand_master");
        RenderedMessage message = MessageRenderer.render(notice.message(), "Tayo", ZoneId.of("UTC"), Map.of());
        assertThat(message.title()).isEqualTo("We could not charge your wallet for the Grand Master plan");
        assertThat(message.text()).contains(reason).contains("Your plan has not changed")
                .contains("Top up your wallet: https://app.test/tutor/wallet");
        assertThat(mapping.eventTypes()).containsExactly(EventTypes.SUBSCRIPTION_CHANGE_REFUSED);
    }
}
