package io.coachwork.wallet.topup;

import com.stripe.model.PaymentIntent;
import io.coachwork.platform.web.ApiException;
import io.coachwork.wallet.WalletProperties;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import io.coachwork.wallet.ledger.Units;
import io.coachwork.wallet.wallet.WalletNotices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Card top-ups. Creating one only opens a Stripe PaymentIntent; money reaches the wallet when
 * Stripe's signed {@code payment_intent.succeeded} webhook arrives, exactly once however often
 * Stripe delivers it.
 */
@Service
public class TopUpService {

    private static final Logger log = LoggerFactory.getLogger(TopUpService.class);

    private final TopUpRepository topUps;
    private final StripePayments stripe;
    private final Ledger ledger;
    private final WalletNotices notices;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final String currency;
    private final long maxTopUpMinor;

    public TopUpService(TopUpRepository topUps, StripePayments stripe, Ledger ledger, WalletNotices notices,
                        TransactionalOperator tx, Clock clock, WalletProperties properties) {
        this.topUps = topUps;
        this.stripe = stripe;
        this.ledger = ledger;
        this.notices = notices;
        this.tx = tx;
        this.clock = clock;
        this.currency = properties.currency();
        this.maxTopUpMinor = properties.maxTopUpMinor();
    }

    public Mono<TopUpViews.Created> create(long tutorId, BigDecimal amount) {
        return Mono.fromCallable(() -> amountMinor(amount)).flatMap(minor -> {
            if (!stripe.configured()) {
                return Mono.error(ApiException.unavailable("Card payments are not configured"));
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            // The row exists before Stripe is called, so a webhook can never find an unknown top-up.
            return topUps.insert(id, tutorId, minor, currency, now)
                    .then(stripe.createPaymentIntent(id, tutorId, minor, currency))
                    .flatMap(intent -> topUps.attachIntent(id, intent.id())
                            .thenReturn(new TopUpViews.Created(id, intent.id(), intent.clientSecret(),
                                    Units.money(minor, currency), currency, TopUp.PENDING)))
                    .onErrorResume(ApiException.class, e -> topUps.fail(id, e.getMessage(), clock.instant())
                            .then(Mono.error(e)));
        });
    }

    public Mono<TopUpViews.Status> status(long tutorId, UUID id) {
        return topUps.find(id).filter(t -> t.tutorId() == tutorId)
                .map(TopUpViews.Status::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Top-up not found")));
    }

    /** Credits the wallet for a paid PaymentIntent; false when it was credited before or is not a top-up. */
    public Mono<Boolean> paymentSucceeded(PaymentIntent intent) {
        long received = intent.getAmountReceived() != null && intent.getAmountReceived() > 0
                ? intent.getAmountReceived() : intent.getAmount() == null ? 0 : intent.getAmount();
        String paidCurrency = intent.getCurrency() == null ? "" : intent.getCurrency().toUpperCase(Locale.ROOT);
        return topUpOf(intent).flatMap(topUp -> {
            if (!paidCurrency.equals(topUp.currency()) || received <= 0) {
                log.error("PaymentIntent {} paid {} {} for top-up {} in {}; not credited, reconcile by hand",
                        intent.getId(), received, paidCurrency, topUp.id(), topUp.currency());
                return Mono.just(false);
            }
            Instant now = clock.instant();
            return tx.transactional(topUps.succeed(topUp.id(), intent.getId(), received, now)
                    .flatMap(paid -> credit(paid, received))
                    .defaultIfEmpty(false));
        }).defaultIfEmpty(false);
    }

    /** Marks the top-up of a declined PaymentIntent failed; a later success still credits it. */
    public Mono<Boolean> paymentFailed(PaymentIntent intent) {
        String reason = intent.getLastPaymentError() != null && intent.getLastPaymentError().getMessage() != null
                ? intent.getLastPaymentError().getMessage() : "The card payment failed";
        return topUpOf(intent).flatMap(topUp -> topUps.fail(topUp.id(), reason, clock.instant())).defaultIfEmpty(false);
    }

    private Mono<Boolean> credit(TopUp topUp, long amountMinor) {
        String ref = "TOP-UP-" + topUp.id();
        AccountRef wallet = AccountRef.wallet(topUp.tutorId(), topUp.currency());
        LedgerTransaction credit = LedgerTransaction.builder(TransactionKind.TOP_UP, topUp.tutorId(), ref,
                        "Card top-up (" + topUp.paymentIntentId() + ")")
                .move(AccountRef.platform(AccountCode.STRIPE_CLEARING, topUp.currency()), wallet, amountMinor)
                .build();
        return ledger.post(credit).flatMap(posted -> topUps.linkTransaction(topUp.id(), posted.transactionId())
                .then(notices.moved(topUp.tutorId(), amountMinor, topUp.currency(), posted.balance(wallet),
                        WalletNotices.TOP_UP, ref))
                .thenReturn(true));
    }

    /** The top-up a PaymentIntent pays for: by the id in its metadata, else by its own id. */
    private Mono<TopUp> topUpOf(PaymentIntent intent) {
        Optional<UUID> fromMetadata = Optional.ofNullable(intent.getMetadata()).map(m -> m.get("top_up_id"))
                .flatMap(TopUpService::uuid);
        Mono<TopUp> byMetadata = fromMetadata.map(topUps::find).orElse(Mono.empty());
        return byMetadata.switchIfEmpty(Mono.defer(() -> intent.getId() == null ? Mono.empty()
                : topUps.findByIntent(intent.getId())));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private long amountMinor(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw ApiException.invalidField("amount", "amount must be greater than 0");
        }
        long minor;
        try {
            minor = Units.minor(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("amount", e.getMessage());
        }
        if (minor > maxTopUpMinor) {
            throw ApiException.invalidField("amount", "amount must be at most " + Units.moneyText(maxTopUpMinor, currency));
        }
        return minor;
    }
}
