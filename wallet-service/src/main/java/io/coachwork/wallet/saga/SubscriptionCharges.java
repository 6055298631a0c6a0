package io.coachwork.wallet.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.wallet.WalletProperties;
import io.coachwork.wallet.invoice.Invoicing;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.InsufficientBalance;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import io.coachwork.wallet.wallet.WalletNotices;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The paid-tier saga's side in the wallet: the period's price leaves the tutor's wallet for {@code subscription_sales}
 * and the period is invoiced in the same transaction.
 */
@Component
public class SubscriptionCharges {

    public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
    public static final String CURRENCY_MISMATCH = "currency_mismatch";

    private final Ledger ledger;
    private final WalletNotices notices;
    private final Invoicing invoicing;
    private final String currency;

    public SubscriptionCharges(Ledger ledger, WalletNotices notices, Invoicing invoicing, WalletProperties properties) {
        this.ledger = ledger;
        this.notices = notices;
        this.invoicing = invoicing;
        this.currency = properties.currency();
    }

    /** A charge of nothing, in no currency or for no tier breaks the contract: it fails (and is dead-lettered) rather than being answered. */
    public Mono<Reply> charge(WalletCommands.ChargeSubscription c) {
        String requested = c.currency() == null ? "" : c.currency().trim().toUpperCase(Locale.ROOT);
        if (c.amountMinor() <= 0 || !requested.matches("[A-Z]{3}") || c.tier() == null || c.tier().isBlank()) {
            return Mono.error(new IllegalArgumentException(
                    "a subscription charge needs a positive amount, an ISO currency and a tier"));
        }
        if (!currency.equals(requested)) {
            // Wallets hold one currency: there is no wallet to take another currency from.
            return Mono.just(refused(c, requested, 0, CURRENCY_MISMATCH));
        }
        AccountRef wallet = AccountRef.wallet(c.tutorId(), currency);
        String ref = "SUBSCRIPTION-" + c.tutorId() + "-" + c.tier() + "-"
                + (c.periodStart() == null ? c.sagaId() : Long.toString(c.periodStart().toEpochMilli()));
        LedgerTransaction charge = LedgerTransaction.builder(TransactionKind.SUBSCRIPTION, c.tutorId(), ref,
                        "Subscription: " + c.tier())
                .move(wallet, AccountRef.platform(AccountCode.SUBSCRIPTION_SALES, currency), c.amountMinor())
                .build();
        return ledger.post(charge)
                .flatMap(posted -> notices.moved(c.tutorId(), -c.amountMinor(), currency, posted.balance(wallet),
                                WalletNotices.SUBSCRIPTION, ref)
                        .then(invoicing.issue(new Invoicing.Charge(c.sagaId(), c.tutorId(), c.tier(), c.periodStart(), c.periodEnd(),
                                c.amountMinor(), currency, posted.transactionId(), ref)))
                        .thenReturn(new Reply(EventTypes.SUBSCRIPTION_CHARGED, new WalletReplies.SubscriptionCharged(
                                c.sagaId(), c.tutorId(), c.tier(), c.amountMinor(), currency, ref, posted.balance(wallet)))))
                .onErrorResume(InsufficientBalance.class, refused -> Mono.just(refused(c, requested, refused.available(),
                        INSUFFICIENT_FUNDS)));
    }

    private static Reply refused(WalletCommands.ChargeSubscription c, String currency, long available, String reason) {
        return new Reply(EventTypes.SUBSCRIPTION_CHARGE_REFUSED, new WalletReplies.SubscriptionChargeRefused(c.sagaId(),
                c.tutorId(), c.tier(), c.amountMinor(), available, currency, reason));
    }
}
