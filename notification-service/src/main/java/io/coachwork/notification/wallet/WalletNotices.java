package io.coachwork.notification.wallet;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.Hours;
import io.coachwork.notification.template.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Wallet facts a tutor should hear about: their coaching hours running low (seed 000's low-balance warning). */
@Component
public class WalletNotices implements NoticeMapping<WalletEvents.HoursBalanceLow> {

    private final Links links;

    public WalletNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.WALLET_EVENTS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.HOURS_BALANCE_LOW);
    }

    @Override
    public Class<WalletEvents.HoursBalanceLow> payloadType() {
        return WalletEvents.HoursBalanceLow.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<WalletEvents.HoursBalanceLow> event) {
        WalletEvents.HoursBalanceLow low = event.data();
        Message message = Message.subject("Your coaching hours are running low")
                .heading("You have {available} coaching hours left")
                .paragraph("Sessions reserve hours when you create them, so new sessions need at least "
                        + "their length in hours. We warn you when fewer than {threshold} hours are left.")
                .paragraph("Buy more hours to keep scheduling sessions without interruption.")
                .action("Buy coaching hours", links.buyHours())
                .value("available", Hours.format(low.availableMinutes()))
                .value("threshold", Hours.format(low.thresholdMinutes()))
                .build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tutor_id", low.tutorId());
        data.put("hours_balance", Hours.of(low.availableMinutes()));
        data.put("threshold_hours", Hours.of(low.thresholdMinutes()));
        data.put("purchase_link", links.buyHours());
        return Mono.just(List.of(new Notice(low.tutorId(), NotificationType.HOURS_BALANCE_LOW, message, data,
                Notice.key(event.id(), low.tutorId(), NotificationType.HOURS_BALANCE_LOW))));
    }
}
