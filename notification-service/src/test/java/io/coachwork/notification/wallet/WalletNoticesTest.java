package io.coachwork.notification.wallet;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.MessageRenderer;
import io.coachwork.notification.template.RenderedMessage;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WalletNoticesTest {

    @Test
    void aLowBalanceWarnsTheTutorWithHoursLeftAndWhereToBuyMore() {
        WalletNotices mapping = new WalletNotices(new Links("https://app.test"));
        List<Notice> notices = mapping.notices(new NoticeMapping.SourceEvent<>("e1", EventTypes.HOURS_BALANCE_LOW,
                new WalletEvents.HoursBalanceLow(5, 30, 60))).block();

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.recipientId()).isEqualTo(5);
            assertThat(n.type()).isEqualTo(NotificationType.HOURS_BALANCE_LOW);
            assertThat(n.data()).containsEntry("hours_balance", new BigDecimal("0.5"))
                    .containsEntry("threshold_hours", new BigDecimal("1.0"));
            RenderedMessage m = MessageRenderer.render(n.message(), "Tayo", ZoneId.of("UTC"), Map.of());
            assertThat(m.title()).isEqualTo("You have 0.5 coaching hours left");
            assertThat(m.body()).contains("fewer than 1.0 hours");
            assertThat(m.text()).contains("Buy coaching hours: https://app.test/tutor/coaching/hours");
        });
        assertThat(mapping.eventTypes()).containsExactly(EventTypes.HOURS_BALANCE_LOW);
    }
}
