package io.coachwork.notification.subscription;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionChangeRefused;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A paid-tier change the tutor was told is pending, then refused by the wallet: the tutor hears why
 * and where to top up. The plan itself did not change.
 */
@Component
public class SubscriptionChangeRefusedNotices implements NoticeMapping<SubscriptionChangeRefused> {

    private final Links links;

    public SubscriptionChangeRefusedNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.SUBSCRIPTIONS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.SUBSCRIPTION_CHANGE_REFUSED);
    }

    @Override
    public Class<SubscriptionChangeRefused> payloadType() {
        return SubscriptionChangeRefused.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<SubscriptionChangeRefused> event) {
        SubscriptionChangeRefused refused = event.data();
        String tier = SubscriptionNotices.tierName(refused.tier());
        NotificationType type = NotificationType.SUBSCRIPTION_PAYMENT_FAILED;
        Message message = Message.subject("Your change to the " + tier + " plan did not go through")
                .heading("We could not charge your wallet for the " + tier + " plan")
                .paragraph(refused.reason())
                .paragraph("Your plan has not changed. Top up your wallet, then choose the plan again.")
                .action("Top up your wallet", links.wallet())
                .build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tutor_id", refused.tutorId());
        data.put("saga_id", refused.sagaId());
        data.put("subscription_tier", refused.tier());
        data.put("reason", refused.reason());
        return Mono.just(List.of(new Notice(refused.tutorId(), type, message, data,
                Notice.key(event.id(), refused.tutorId(), type))));
    }
}
