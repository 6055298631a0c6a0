package io.coachwork.wallet.hours;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.WalletProperties;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.InsufficientBalance;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import io.coachwork.wallet.ledger.Units;
import io.coachwork.wallet.wallet.WalletNotices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Coaching hours bought from the wallet (a local saga of one transaction: money out, minutes in)
 * and the tutor's hour totals.
 */
@Service
public class HoursService {

    /** Larger orders are almost certainly typos; a tutor who needs more buys twice. */
    static final BigDecimal MAX_HOURS_PER_PURCHASE = BigDecimal.valueOf(1000);

    private final Ledger ledger;
    private final HoursRepository hours;
    private final TutorPlans plans;
    private final CoachingPrice price;
    private final WalletNotices notices;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final String currency;

    public HoursService(Ledger ledger, HoursRepository hours, TutorPlans plans, CoachingPrice price,
                        WalletNotices notices, OutboxWriter outbox, TransactionalOperator tx, Clock clock,
                        WalletProperties properties) {
        this.ledger = ledger;
        this.hours = hours;
        this.plans = plans;
        this.price = price;
        this.notices = notices;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.currency = properties.currency();
    }

    public Mono<HoursViews.Balance> balance(long tutorId) {
        return plans.unlimited(tutorId).flatMap(unlimited -> unlimited
                ? Mono.just(HoursViews.Unlimited.INSTANCE)
                : hours.summary(tutorId).map(s -> new HoursViews.Limited(Units.hours(s.availableMinutes()), false,
                        Units.hours(s.purchasedMinutes()), Units.hours(s.usedMinutes()), s.lastUpdated())));
    }

    public Mono<HoursViews.Purchase> purchase(long tutorId, BigDecimal requestedHours) {
        return Mono.fromCallable(() -> minutesOf(requestedHours))
                .flatMap(minutes -> plans.unlimited(tutorId).flatMap(unlimited -> unlimited
                        ? Mono.error(ApiException.badRequest("You have unlimited coaching hours. No purchase needed."))
                        : price.current().flatMap(p -> buy(tutorId, minutes, p))));
    }

    private Mono<HoursViews.Purchase> buy(long tutorId, long minutes, CoachingPrice.Price price) {
        if (!price.currency().equals(currency)) {
            return Mono.error(ApiException.unavailable("Coaching hours are priced in " + price.currency()
                    + " but wallets are kept in " + currency + "; hours cannot be bought until the price is set in "
                    + currency));
        }
        Instant now = clock.instant();
        long total = Units.price(minutes, price.perHourMinor());
        String ref = "COACHING-HOURS-" + tutorId + "-" + now.toEpochMilli();
        AccountRef wallet = AccountRef.wallet(tutorId, currency);
        AccountRef available = AccountRef.hoursAvailable(tutorId);
        LedgerTransaction purchase = LedgerTransaction.builder(TransactionKind.HOURS_PURCHASE, tutorId, ref,
                        "Purchase of " + Units.hours(minutes).toPlainString() + " coaching hours")
                .move(wallet, AccountRef.platform(AccountCode.HOURS_SALES, currency), total)
                .move(AccountRef.platformMinutes(AccountCode.HOURS_ISSUED), available, minutes)
                .build();
        Mono<HoursViews.Purchase> work = ledger.post(purchase).flatMap(posted -> {
            long hoursBalance = posted.balance(available);
            // A free price moves no money, so the wallet is not part of the transaction.
            Mono<Long> walletBalance = total > 0 ? Mono.just(posted.balance(wallet))
                    : ledger.balance(wallet).map(Ledger.Balance::balance).defaultIfEmpty(0L);
            return hours.insertPurchase(tutorId, minutes, price.perHourMinor(), total, currency, ref,
                            posted.transactionId(), now)
                    .flatMap(purchaseId -> walletBalance.flatMap(balance ->
                            announce(tutorId, purchaseId, minutes, total, ref, hoursBalance, balance)
                                    .thenReturn(new HoursViews.Purchase(purchaseId, Units.hours(minutes),
                                            Units.money(price.perHourMinor(), currency), Units.money(total, currency),
                                            Units.hours(hoursBalance), Units.money(balance, currency), ref, currency))));
        });
        return tx.transactional(work)
                .onErrorMap(InsufficientBalance.class, refused -> ApiException.badRequest("Insufficient wallet balance. Required: "
                        + Units.moneyText(refused.required(), currency) + ", Available: "
                        + Units.moneyText(refused.available(), currency)));
    }

    private Mono<Void> announce(long tutorId, long purchaseId, long minutes, long total, String ref, long hoursBalance,
                                long walletBalance) {
        Mono<Void> debited = total > 0
                ? notices.moved(tutorId, -total, currency, walletBalance, WalletNotices.HOURS_PURCHASE, ref)
                : Mono.empty();
        return debited.then(outbox.append(Topics.WALLET_EVENTS, Long.toString(tutorId), EventTypes.HOURS_PURCHASED,
                new WalletEvents.HoursPurchased(tutorId, purchaseId, minutes, total, currency, ref, hoursBalance))).then();
    }

    public Mono<HoursViews.PurchaseHistory> history(long tutorId, PageQuery page) {
        return hours.countPurchases(tutorId).flatMap(total -> hours.purchases(tutorId, page)
                .map(p -> new HoursViews.PurchaseItem(p.id(), Units.hours(p.minutes()),
                        Units.money(p.pricePerHourMinor(), p.currency()), Units.money(p.totalMinor(), p.currency()),
                        p.currency(), p.transactionRef(), p.status(), p.purchasedAt()))
                .collectList()
                .map(items -> new HoursViews.PurchaseHistory(items, Pagination.of(total, page))));
    }

    private static long minutesOf(BigDecimal hours) {
        if (hours.signum() <= 0) {
            throw ApiException.invalidField("hours", "hours must be greater than 0");
        }
        if (hours.compareTo(MAX_HOURS_PER_PURCHASE) > 0) {
            throw ApiException.invalidField("hours", "hours must be at most " + MAX_HOURS_PER_PURCHASE);
        }
        try {
            return Units.minutes(hours);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("hours", e.getMessage());
        }
    }
}
