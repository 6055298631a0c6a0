package io.coachwork.wallet.wallet;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.platform.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Announces every movement of a tutor's money on {@code coachwork.wallet.events}, in the caller's transaction. */
@Component
public class WalletNotices {

    public static final String TOP_UP = "top_up";
    public static final String HOURS_PURCHASE = "hours_purchase";
    public static final String SUBSCRIPTION = "subscription";
    public static final String ADJUSTMENT = "adjustment";

    private final OutboxWriter outbox;

    public WalletNotices(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** {@code amountMinor} is signed: positive credits the wallet, negative debits it. */
    public Mono<Void> moved(long tutorId, long amountMinor, String currency, long balanceMinor, String reason,
                            String transactionRef) {
        String type = amountMinor >= 0 ? EventTypes.WALLET_CREDITED : EventTypes.WALLET_DEBITED;
        return outbox.append(Topics.WALLET_EVENTS, Long.toString(tutorId), type, new WalletEvents.WalletMovement(
                tutorId, Math.abs(amountMinor), currency, balanceMinor, reason, transactionRef)).then();
    }
}
