package io.coachwork.wallet.packages;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.payment.PackageCommands;
import io.coachwork.contracts.payment.PackageReplies;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.platform.web.ApiException;
import io.coachwork.wallet.hours.TutorPlans;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import io.coachwork.wallet.packages.domain.CreditShares;
import io.coachwork.wallet.packages.domain.PackagePolicy;
import io.coachwork.wallet.packages.domain.PackagePurchase;
import io.coachwork.wallet.payment.CommissionSplit;
import io.coachwork.wallet.payment.PaymentProperties;
import io.coachwork.wallet.saga.Reply;
import io.coachwork.wallet.topup.StripePayments;
import java.time.Clock;
import java.time.Duration;
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
 * Package purchases and their credits: the card payment (PaymentIntent with
 * {@code package_purchase_id} in its metadata, confirmed by Stripe's webhook), the booking saga's
 * consume and return commands, the tutor's share when a credit's session completes, expiry and refund.
 * <p>
 * Money in the ledger: paid {@code stripe_clearing → package_escrow}; a completed session's share
 * {@code package_escrow → platform_commission + earnings (tutor)}; expired credits' shares
 * {@code package_escrow → package_forfeits}; a refund Stripe confirmed {@code package_escrow → stripe_clearing}.
 * Shares follow {@link CreditShares}, so a purchase's movements add up to its price to the cent.
 */
@Service
public class PackagePurchases {

    private static final Logger log = LoggerFactory.getLogger(PackagePurchases.class);
    static final String METADATA_KEY = "package_purchase_id";

    private final PurchaseRepository purchases;
    private final PackageRepository packages;
    private final StripePayments stripe;
    private final Ledger ledger;
    private final PackageNotices notices;
    private final TutorPlans plans;
    private final PaymentProperties paymentProperties;
    private final TransactionalOperator tx;
    private final Clock clock;

    public PackagePurchases(PurchaseRepository purchases, PackageRepository packages, StripePayments stripe,
                            Ledger ledger, PackageNotices notices, TutorPlans plans, PaymentProperties paymentProperties,
                            TransactionalOperator tx, Clock clock) {
        this.purchases = purchases;
        this.packages = packages;
        this.stripe = stripe;
        this.ledger = ledger;
        this.notices = notices;
        this.plans = plans;
        this.paymentProperties = paymentProperties;
        this.tx = tx;
        this.clock = clock;
    }

    // --- Buying ----------------------------------------------------------------------------------

    /** Opens the purchase and its PaymentIntent; the credits are live once Stripe's webhook says it is paid. */
    public Mono<PackagePurchase> purchase(long studentId, long packageId) {
        return packages.find(packageId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Package not found")))
                .flatMap(p -> {
                    if (!p.active()) {
                        return Mono.error(ApiException.conflict("This package is not on sale"));
                    }
                    if (p.tutorId() == studentId) {
                        return Mono.error(ApiException.badRequest("You cannot buy your own package"));
                    }
                    if (!stripe.configured()) {
                        return Mono.error(ApiException.unavailable("Card payments are not configured"));
                    }
                    UUID id = UUID.randomUUID();
                    Instant now = clock.instant();
                    // The row exists before Stripe is called, so a webhook never finds an unknown purchase.
                    return purchases.insert(id, p, studentId, now)
                            .then(stripe.createPackageIntent(id.toString(), studentId, p.tutorId(), p.priceMinor(),
                                    p.currency(), p.name() + " (" + p.sessionCount() + " sessions)"))
                            .flatMap(pi -> purchases.attachIntent(id, pi.getId(), pi.getClientSecret(), clock.instant()))
                            .onErrorResume(StripeException.class, e -> {
                                boolean refused = e instanceof InvalidRequestException;
                                String reason = refused ? "The card payment could not be started: "
                                        + (e.getStripeError() != null ? e.getStripeError().getMessage() : e.getMessage())
                                        : "The card payment provider is unavailable; try again shortly";
                                return purchases.fail(id, reason, clock.instant()).then(Mono.error(refused
                                        ? ApiException.badRequest(reason) : ApiException.unavailable(reason)));
                            });
                });
    }

    /** The purchase a PaymentIntent pays for, by its metadata; empty when it is not a package's. */
    public static Optional<UUID> purchaseOf(PaymentIntent intent) {
        return Optional.ofNullable(intent.getMetadata()).map(m -> m.get(METADATA_KEY)).flatMap(PackagePurchases::uuid);
    }

    /** {@code payment_intent.succeeded}: the money enters the package escrow and the credits go live; false when known. */
    public Mono<Boolean> paymentSucceeded(UUID id, PaymentIntent intent) {
        long received = intent.getAmountReceived() != null && intent.getAmountReceived() > 0
                ? intent.getAmountReceived() : intent.getAmount() == null ? 0 : intent.getAmount();
        String paidCurrency = intent.getCurrency() == null ? "" : intent.getCurrency().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        return tx.transactional(locked(id).flatMap(p -> {
            if (!paidCurrency.equals(p.currency()) || received <= 0) {
                log.error("PaymentIntent {} paid {} {} for package purchase {} in {}; not recorded, reconcile by hand",
                        intent.getId(), received, paidCurrency, id, p.currency());
                return Mono.<Boolean>empty();
            }
            Instant expires = now.plus(Duration.ofDays(p.validityDays()));
            return purchases.activate(id, received, expires, now).flatMap(paid -> ledger.post(LedgerTransaction.builder(
                                    TransactionKind.PACKAGE_PAYMENT, null, "PACKAGE-PAY-" + id,
                                    "Package purchase " + id + " (" + intent.getId() + ")")
                            .move(clearing(p.currency()), escrow(p.currency()), received).build())
                    .then(notices.changed(EventTypes.PACKAGE_PURCHASED, paid, null, now))
                    .thenReturn(true));
        }).defaultIfEmpty(false));
    }

    public Mono<Boolean> paymentFailed(UUID id, PaymentIntent intent) {
        String reason = intent.getLastPaymentError() != null && intent.getLastPaymentError().getMessage() != null
                ? intent.getLastPaymentError().getMessage() : "The card payment failed";
        return tx.transactional(locked(id).flatMap(p -> purchases.fail(id, reason, clock.instant())).map(p -> true)
                .defaultIfEmpty(false));
    }

    public Mono<Boolean> paymentCanceled(UUID id, PaymentIntent intent) {
        return tx.transactional(locked(id).flatMap(p -> purchases.cancel(id, "The payment was cancelled", clock.instant()))
                .map(p -> true).defaultIfEmpty(false));
    }

    /** {@code charge.refunded} for a package's intent: the refunded money leaves the escrow; false when not a package's. */
    public Mono<Boolean> chargeRefunded(Charge charge) {
        String intentId = charge.getPaymentIntent();
        long total = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        if (intentId == null || total <= 0) {
            return Mono.just(false);
        }
        Instant now = clock.instant();
        return purchases.findByIntent(intentId).flatMap(found -> tx.transactional(
                        purchases.refunded(found.id(), total, now).flatMap(before -> purchases.find(found.id())
                                .flatMap(p -> ledger.post(LedgerTransaction.builder(TransactionKind.PACKAGE_REFUND, null,
                                                        "PACKAGE-REFUND-" + p.id() + "-" + total,
                                                        "Refund of package purchase " + p.id())
                                                .move(escrow(p.currency()), clearing(p.currency()), total - before).build())
                                        .then(notices.changed(EventTypes.PACKAGE_REFUNDED, p, null, now))
                                        .thenReturn(true)))))
                .defaultIfEmpty(false);
    }

    /** The student's refund of an unused purchase, in full through Stripe; refused by the policy otherwise. */
    public Mono<PackagePurchase> refund(long studentId, UUID id) {
        Instant now = clock.instant();
        return tx.transactional(purchases.lock(id)
                .filter(p -> p.studentId() == studentId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Package purchase not found")))
                .flatMap(p -> {
                    Optional<String> refusal = PackagePolicy.refundRefusal(p, now);
                    if (refusal.isPresent()) {
                        return Mono.error(ApiException.badRequest(refusal.get()));
                    }
                    return stripe.refundPackage(p.paymentIntentId(), p.paidMinor(), p.id().toString())
                            .onErrorMap(StripeException.class, e -> ApiException.unavailable(
                                    "The refund could not be requested; try again shortly"))
                            .then(purchases.requestRefund(id, now));
                }));
    }

    private Mono<PackagePurchase> locked(UUID id) {
        return purchases.lock(id).switchIfEmpty(Mono.error(() -> ApiException.unavailable(
                "Package purchase " + id + " is not recorded yet; deliver again later")));
    }

    // --- Credits (booking saga commands, inside the command's transaction) -----------------------

    public Mono<Reply> consume(PackageCommands.ConsumePackageCredit c) {
        Optional<UUID> id = uuid(c.purchaseId());
        if (id.isEmpty() || c.bookingId() == null || c.bookingId().isBlank()) {
            return Mono.just(refused(c.sagaId(), c.purchaseId(), c.bookingId(), "Package purchase not found"));
        }
        Instant now = clock.instant();
        return purchases.lock(id.get()).flatMap(p -> purchases.credit(c.bookingId())
                        .map(existing -> existing.purchaseId().equals(p.id())
                                && !PurchaseRepository.Credit.RETURNED.equals(existing.status())
                                ? consumed(c.sagaId(), p, c.bookingId())
                                : refused(c.sagaId(), c.purchaseId(), c.bookingId(),
                                "This booking already used a package credit"))
                        .switchIfEmpty(Mono.defer(() -> {
                            Optional<String> refusal = PackagePolicy.consumeRefusal(p, c.studentId(), c.tutorId(),
                                    c.durationMinutes(), c.startsAt(), now);
                            if (refusal.isPresent()) {
                                return Mono.just(refused(c.sagaId(), c.purchaseId(), c.bookingId(), refusal.get()));
                            }
                            return purchases.consume(p.id(), c.bookingId(), c.startsAt(), now)
                                    .flatMap(after -> notices.changed(EventTypes.PACKAGE_CREDIT_USED, after, c.bookingId(), now)
                                            .thenReturn(consumed(c.sagaId(), after, c.bookingId())))
                                    .defaultIfEmpty(refused(c.sagaId(), c.purchaseId(), c.bookingId(),
                                            PackagePolicy.NO_CREDITS_LEFT));
                        })))
                .defaultIfEmpty(refused(c.sagaId(), c.purchaseId(), c.bookingId(), "Package purchase not found"));
    }

    /**
     * Gives the booking's credit back. A purchase that expired meanwhile forfeits the returned credit
     * at once (its share joins the other expired credits'), so the books still close to the cent.
     */
    public Mono<Reply> giveBack(PackageCommands.ReturnPackageCredit c) {
        Optional<UUID> id = uuid(c.purchaseId());
        if (id.isEmpty()) {
            return Mono.just(returned(c.sagaId(), c.purchaseId(), c.bookingId(), false, 0));
        }
        Instant now = clock.instant();
        return purchases.lock(id.get()).flatMap(p -> purchases.giveBack(p.id(), c.bookingId(), now)
                        .flatMap(back -> PackagePurchase.EXPIRED.equals(back.status()) ? forfeit(back, 1, now) : Mono.just(back))
                        .flatMap(back -> notices.changed(EventTypes.PACKAGE_CREDIT_GIVEN_BACK, back, c.bookingId(), now)
                                .thenReturn(returned(c.sagaId(), c.purchaseId(), c.bookingId(), true, back.creditsLeft())))
                        .defaultIfEmpty(returned(c.sagaId(), c.purchaseId(), c.bookingId(), false, p.creditsLeft())))
                .defaultIfEmpty(returned(c.sagaId(), c.purchaseId(), c.bookingId(), false, 0));
    }

    // --- The tutor's share, expiry ---------------------------------------------------------------

    /**
     * A completed session (or one the students missed) pays the tutor the credit's share of the
     * package price, less the tier's commission. Once per booking; false when the booking spent no
     * credit of this tutor or was paid out before.
     */
    public Mono<Boolean> sessionCompleted(String bookingId, long tutorId, String teachingSessionId) {
        Instant now = clock.instant();
        return purchases.credit(bookingId)
                .filter(credit -> PurchaseRepository.Credit.CONSUMED.equals(credit.status()))
                .flatMap(credit -> tx.transactional(purchases.lock(credit.purchaseId())
                        .filter(p -> p.tutorId() == tutorId)
                        .flatMap(p -> plans.commissionRate(tutorId).defaultIfEmpty(paymentProperties.defaultCommissionRate())
                                .flatMap(rate -> {
                                    long share = CreditShares.of(p.priceMinor(), p.sessionCount(), p.creditsSettled(), 1);
                                    CommissionSplit split = CommissionSplit.of(share, rate, p.currency());
                                    String ref = "PACKAGE-RELEASE-" + bookingId;
                                    return purchases.release(p.id(), bookingId, share, split.commissionMinor(), rate,
                                                    teachingSessionId, now)
                                            .flatMap(released -> (share == 0 ? Mono.empty() : ledger.post(
                                                    LedgerTransaction.builder(TransactionKind.PACKAGE_RELEASE, tutorId, ref,
                                                                    "Package session " + bookingId + " paid out (commission "
                                                                            + rate.toPlainString() + "%)")
                                                            .move(escrow(p.currency()), commission(p.currency()),
                                                                    split.commissionMinor())
                                                            .move(escrow(p.currency()), earnings(tutorId, p.currency()),
                                                                    split.netMinor())
                                                            .build()).then())
                                                    .then(notices.earning(new TutorEarning(bookingId, teachingSessionId,
                                                            tutorId, p.studentId(), share, split.commissionMinor(),
                                                            split.netMinor(), rate, p.currency(), ref, now)))
                                                    .thenReturn(true));
                                }))))
                .defaultIfEmpty(false);
    }

    /** Expires one claimed purchase (locked by the caller): its unused credits are forfeited. */
    public Mono<PackagePurchase> expire(PackagePurchase p, Instant now) {
        int unused = p.sessionCount() - p.creditsUsed() - p.creditsExpired();
        return forfeit(p, unused, now).flatMap(expired -> notices.changed(EventTypes.PACKAGE_EXPIRED, expired, null, now)
                .thenReturn(expired));
    }

    private Mono<PackagePurchase> forfeit(PackagePurchase p, int credits, Instant now) {
        long amount = CreditShares.of(p.priceMinor(), p.sessionCount(), p.creditsSettled(), credits);
        return purchases.forfeit(p.id(), credits, amount, now).flatMap(after -> (amount == 0 ? Mono.empty()
                : ledger.post(LedgerTransaction.builder(TransactionKind.PACKAGE_EXPIRY, null,
                                "PACKAGE-EXPIRY-" + p.id() + "-" + after.creditsSettled(),
                                credits + " unused credit(s) of package purchase " + p.id() + " expired")
                        .move(escrow(p.currency()), forfeits(p.currency()), amount).build()).then())
                .thenReturn(after));
    }

    // --- Shared ----------------------------------------------------------------------------------

    private static Reply consumed(String sagaId, PackagePurchase p, String bookingId) {
        return new Reply(EventTypes.PACKAGE_CREDIT_CONSUMED, new PackageReplies.PackageCreditConsumed(sagaId,
                p.id().toString(), bookingId, p.sessionCount(), p.creditsUsed(), p.creditsLeft(), p.expiresAt()));
    }

    private static Reply refused(String sagaId, String purchaseId, String bookingId, String reason) {
        return new Reply(EventTypes.PACKAGE_CREDIT_REFUSED, new PackageReplies.PackageCreditRefused(sagaId,
                purchaseId == null ? "" : purchaseId, bookingId == null ? "" : bookingId, reason));
    }

    private static Reply returned(String sagaId, String purchaseId, String bookingId, boolean back, int left) {
        return new Reply(EventTypes.PACKAGE_CREDIT_RETURNED, new PackageReplies.PackageCreditReturned(sagaId,
                purchaseId == null ? "" : purchaseId, bookingId == null ? "" : bookingId, back, left));
    }

    static Optional<UUID> uuid(String value) {
        try {
            return value == null || value.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static AccountRef escrow(String currency) {
        return AccountRef.platform(AccountCode.PACKAGE_ESCROW, currency);
    }

    private static AccountRef clearing(String currency) {
        return AccountRef.platform(AccountCode.STRIPE_CLEARING, currency);
    }

    private static AccountRef commission(String currency) {
        return AccountRef.platform(AccountCode.PLATFORM_COMMISSION, currency);
    }

    private static AccountRef forfeits(String currency) {
        return AccountRef.platform(AccountCode.PACKAGE_FORFEITS, currency);
    }

    private static AccountRef earnings(long tutorId, String currency) {
        return new AccountRef(AccountCode.EARNINGS, tutorId, currency);
    }
}
