package io.coachwork.notification.wallet;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.Message;
import io.coachwork.platform.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Money that reaches a tutor's wallet without them clicking "buy": a card top-up that went
 * through (the webhook arrives after they left the payment page) and an admin's adjustment.
 * Purchases and subscription charges are answered in the request that made them, so they are silent.
 */
@Component
public class WalletMovementNotices implements NoticeMapping<WalletEvents.WalletMovement> {

    private static final Set<String> ANNOUNCED = Set.of("top_up", "adjustment");

    private final Links links;

    public WalletMovementNotices(Links links) {
        this.links = links;
    }

    @Override
    public String topic() {
        return Topics.WALLET_EVENTS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.WALLET_CREDITED, EventTypes.WALLET_DEBITED);
    }

    @Override
    public Class<WalletEvents.WalletMovement> payloadType() {
        return WalletEvents.WalletMovement.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<WalletEvents.WalletMovement> event) {
        WalletEvents.WalletMovement movement = event.data();
        if (!ANNOUNCED.contains(movement.reason())) {
            return Mono.just(List.of());
        }
        boolean credit = EventTypes.WALLET_CREDITED.equals(event.type());
        String amount = Money.of(Math.abs(movement.amountMinor()), movement.currency()).formatted();
        String balance = Money.of(movement.balanceMinor(), movement.currency()).formatted();
        Message message = "top_up".equals(movement.reason())
                ? Message.subject("Your wallet was topped up with " + amount)
                .heading(amount + " was added to your wallet")
                .paragraph("Your card payment went through. Your balance is now " + balance + ".")
                .action("View your wallet", links.wallet())
                .build()
                : Message.subject("Your wallet was adjusted by " + (credit ? "+" : "-") + amount)
                .heading("An administrator " + (credit ? "credited " : "debited ") + amount)
                .paragraph("Your balance is now " + balance + ". Contact support if you have questions about it.")
                .action("View your wallet", links.wallet())
                .build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tutor_id", movement.tutorId());
        data.put("amount_minor", movement.amountMinor());
        data.put("currency", movement.currency());
        data.put("balance_minor", movement.balanceMinor());
        data.put("reason", movement.reason());
        data.put("transaction_ref", movement.transactionRef());
        return Mono.just(List.of(new Notice(movement.tutorId(), NotificationType.WALLET_UPDATED, message, data,
                Notice.key(event.id(), movement.tutorId(), NotificationType.WALLET_UPDATED))));
    }
}
