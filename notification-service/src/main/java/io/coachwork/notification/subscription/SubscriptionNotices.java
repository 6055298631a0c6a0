package io.coachwork.notification.subscription;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionEvent;
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
 * What a tutor hears about their plan: a new tier, a renewal, a renewal charge the wallet refused
 * (past due, retried until the grace period ends) and the return to free, which is also the final
 * notice of a past-due plan. A refused renewal is told once per plan period: subscription-service
 * publishes every hourly retry (up to the whole grace period), each one the same fact. An
 * auto-renew toggle on an unchanged tier is the tutor's own click and says nothing.
 */
@Component
public class SubscriptionNotices implements NoticeMapping<SubscriptionEvent> {

    private final Links links;

    public SubscriptionNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.SUBSCRIPTIONS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.SUBSCRIPTION_ACTIVATED, EventTypes.SUBSCRIPTION_CHANGED,
                EventTypes.SUBSCRIPTION_RENEWED, EventTypes.SUBSCRIPTION_EXPIRED);
    }

    @Override
    public Class<SubscriptionEvent> payloadType() {
        return SubscriptionEvent.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<SubscriptionEvent> event) {
        SubscriptionEvent s = event.data();
        String tier = tierName(s.tier());
        Message.Builder message;
        NotificationType type;
        if (EventTypes.SUBSCRIPTION_EXPIRED.equals(event.type())) {
            type = NotificationType.SUBSCRIPTION_EXPIRED;
            message = Message.subject("Your " + tierName(s.previousTier()) + " plan has ended")
                    .heading("You are now on the Free plan")
                    .paragraph("Your " + tierName(s.previousTier()) + " plan was not renewed, so your account "
                            + "moved to the Free plan and its limits. Everything you created is still there.")
                    .paragraph("Subscribe again at any time to get your plan's limits back.")
                    .action("Choose a plan", links.subscription());
        } else if ("past_due".equals(s.status())) {
            type = NotificationType.SUBSCRIPTION_PAYMENT_FAILED;
            message = Message.subject("We could not renew your " + tier + " plan")
                    .heading("Your " + tier + " renewal payment failed")
                    .paragraph("Your wallet did not have enough funds for the renewal. We will try again; "
                            + "top up your wallet to keep your " + tier + " plan, or it returns to the Free plan "
                            + "when the grace period ends.")
                    .action("Top up your wallet", links.wallet());
        } else if (EventTypes.SUBSCRIPTION_RENEWED.equals(event.type())) {
            type = NotificationType.SUBSCRIPTION_UPDATED;
            message = Message.subject("Your " + tier + " plan was renewed")
                    .heading("Your " + tier + " plan was renewed until {end}")
                    .paragraph("The renewal was charged to your wallet.")
                    .action("View your plan", links.subscription())
                    .value("end", s.endDate());
        } else if (s.tier().equals(s.previousTier())) {
            return Mono.just(List.of());
        } else {
            type = NotificationType.SUBSCRIPTION_UPDATED;
            message = Message.subject("You are now on the " + tier + " plan")
                    .heading("Welcome to the " + tier + " plan")
                    .action("View your plan", links.subscription());
            if (s.endDate() == null) {
                message.paragraph("The " + tier + " plan has no end date.");
            } else {
                message.paragraph("Your plan runs until {end}"
                        + (s.unlimitedCoaching() ? " and includes unlimited coaching hours." : ".")).value("end", s.endDate());
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tutor_id", s.tutorId());
        data.put("subscription_tier", s.tier());
        data.put("previous_tier", s.previousTier());
        data.put("status", s.status());
        data.put("end_date", s.endDate());
        data.put("unlimited_coaching", s.unlimitedCoaching());
        return Mono.just(List.of(new Notice(s.tutorId(), type, message.build(), data,
                Notice.key(fact(event, type), s.tutorId(), type))));
    }

    /**
     * What the notice is about: for a refused renewal, the subscription's period whose renewal
     * failed (every retry of it is the same fact, a later period's failure a new one); otherwise the
     * event itself.
     */
    private static String fact(SourceEvent<SubscriptionEvent> event, NotificationType type) {
        SubscriptionEvent s = event.data();
        if (type == NotificationType.SUBSCRIPTION_PAYMENT_FAILED && s.subscriptionId() != null && s.endDate() != null) {
            return "subscription-" + s.subscriptionId() + "-renewal-of-" + s.endDate();
        }
        return event.id();
    }

    /** Tier codes as people say them: {@code grand_master} → "Grand Master". */
    static String tierName(String code) {
        if (code == null || code.isBlank()) {
            return "previous";
        }
        StringBuilder name = new StringBuilder();
        for (String word : code.split("_")) {
            if (!word.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }
}
