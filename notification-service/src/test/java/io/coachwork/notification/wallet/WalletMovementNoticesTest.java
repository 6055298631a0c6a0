package io.coachwork.notification.wallet;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.template.MessageRenderer;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WalletMovementNoticesTest {

    private final WalletMovementNotices mapping = new WalletMovementNotices(new Links("https://app.test"));

    private List<Notice> notices(String type, String reason, long amountMinor) {
        return notices(type, reason, amountMinor, "NGN", 15_000_000);
    }

    private List<Notice> notices(String type, String reason, long amountMinor, String currency, long balanceMinor) {
        return mapping.notices(new NoticeMapping.SourceEvent<>("e1", type,
                new WalletEvents.WalletMovement(5, amountMinor, currency, balanceMinor, reason, "TOPUP-1"))).block();
    }

    @Test
    void amountsTakeTheirCurrencysDecimals() {
        Notice yen = notices(EventTypes.WALLET_CREDITED, "top_up", 1_500, "JPY", 250_000).get(0);
        assertThat(yen.message().subject()).isEqualTo("Your wallet was topped up with 1,500 JPY");
        assertThat(MessageRenderer.render(yen.message(), "Tayo", ZoneId.of("UTC"), Map.of()).text())
                .contains("Your balance is now 250,000 JPY.");
        assertThat(notices(EventTypes.WALLET_CREDITED, "top_up", 1_500, "KWD", 1_500).get(0).message().subject())
                .isEqualTo("Your wallet was topped up with 1.500 KWD");
    }

    @Test
    void aCardTopUpTellsTheTutorTheAmountAndTheNewBalance() {
        Notice notice = notices(EventTypes.WALLET_CREDITED, "top_up", 50_000).get(0);
        assertThat(notice.recipientId()).isEqualTo(5);
        assertThat(notice.message().subject()).isEqualTo("Your wallet was topped up with 500.00 NGN");
        assertThat(MessageRenderer.render(notice.message(), "Tayo", ZoneId.of("UTC"), Map.of()).text())
                .contains("Your balance is now 150,000.00 NGN.");
    }

    @Test
    void anAdminAdjustmentIsAnnouncedButPurchasesTheTutorMadeAreNot() {
        assertThat(notices(EventTypes.WALLET_DEBITED, "adjustment", -2_000).get(0).message().subject())
                .isEqualTo("Your wallet was adjusted by -20.00 NGN");
        assertThat(notices(EventTypes.WALLET_DEBITED, "hours_purchase", -5_500)).isEmpty();
        assertThat(notices(EventTypes.WALLET_DEBITED, "subscription", -5_850_000)).isEmpty();
    }
}
