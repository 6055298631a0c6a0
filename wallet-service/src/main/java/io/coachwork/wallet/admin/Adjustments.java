package io.coachwork.wallet.admin;

import io.coachwork.platform.web.ApiException;
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
 * Admin credits and debits of a tutor's wallet against the platform's {@code adjustments}
 * account, by a super admin (the route guard), never on their own wallet, each at most the
 * configured bound either way. A debit may not overdraw the wallet. The ledger entries, the audit
 * row naming the admin and the wallet event commit together; a refusal on these rules is audited
 * on its own and changes nothing else.
 */
@Service
public class Adjustments {

    public record Done(long auditId, long tutorId, long amountMinor, long balanceMinor, String transactionRef,
                       Instant at) {
    }

    private final Ledger ledger;
    private final AuditLog audit;
    private final WalletNotices notices;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final String currency;
    private final long maxMinor;

    public Adjustments(Ledger ledger, AuditLog audit, WalletNotices notices, TransactionalOperator tx, Clock clock,
                       WalletProperties properties) {
        this.ledger = ledger;
        this.audit = audit;
        this.notices = notices;
        this.tx = tx;
        this.clock = clock;
        this.currency = properties.currency();
        this.maxMinor = properties.maxAdjustmentMinor();
    }

    public String currency() {
        return currency;
    }

    /** {@code amount} is signed major units: positive credits the wallet, negative debits it. */
    public Mono<Done> adjust(long adminId, long tutorId, BigDecimal amount, String reason) {
        Instant now = clock.instant();
        if (adminId == tutorId) {
            return refuse(adminId, tutorId, null, reason, now,
                    ApiException.forbidden("Admins cannot adjust their own wallet"), "");
        }
        // Compared before any conversion: scaling an amount such as 1e999999999 to minor units overflows.
        BigDecimal max = BigDecimal.valueOf(maxMinor, Units.fractionDigits(currency));
        if (amount.abs().compareTo(max) > 0) {
            ApiException refusal = ApiException.invalidField("amount", "amount must be at most "
                    + Units.moneyText(maxMinor, currency) + " either way");
            return refuse(adminId, tutorId, null, reason, now, refusal, "; requested " + amount);
        }
        return Mono.fromCallable(() -> minorOf(amount)).flatMap(minor -> {
            String ref = "ADJUSTMENT-" + tutorId + "-" + now.toEpochMilli();
            AccountRef wallet = AccountRef.wallet(tutorId, currency);
            AccountRef adjustments = AccountRef.platform(AccountCode.ADJUSTMENTS, currency);
            LedgerTransaction.Builder builder = LedgerTransaction.builder(TransactionKind.ADJUSTMENT, tutorId, ref,
                    "Adjustment by admin " + adminId + ": " + reason);
            LedgerTransaction adjustment = (minor > 0 ? builder.move(adjustments, wallet, minor)
                    : builder.move(wallet, adjustments, -minor)).build();
            Mono<Done> work = ledger.post(adjustment).flatMap(posted -> audit.record(adminId, AuditLog.WALLET_ADJUSTMENT,
                            tutorId, minor, currency, reason, posted.transactionId(), now)
                    .flatMap(auditId -> notices.moved(tutorId, minor, currency, posted.balance(wallet),
                                    WalletNotices.ADJUSTMENT, ref)
                            .thenReturn(new Done(auditId, tutorId, minor, posted.balance(wallet), ref, now))));
            return tx.transactional(work)
                    .onErrorResume(InsufficientBalance.class, refused -> refuse(adminId, tutorId, minor, reason, now,
                            ApiException.invalidField("amount", "Adjustment would overdraw the wallet. Balance: "
                                    + Units.moneyText(refused.available(), currency)
                                    + ", debit: " + Units.moneyText(refused.required(), currency)), ""));
        });
    }

    /** Audits the refusal (after any rolled-back work, in its own statement), then answers it. */
    private Mono<Done> refuse(long adminId, long tutorId, Long minor, String reason, Instant at, ApiException refusal,
                              String auditNote) {
        return audit.refused(adminId, AuditLog.WALLET_ADJUSTMENT, tutorId, minor, currency, reason,
                        refusal.getMessage() + auditNote, at)
                .then(Mono.error(refusal));
    }

    private long minorOf(BigDecimal amount) {
        long minor;
        try {
            minor = Units.minor(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("amount", e.getMessage());
        }
        if (minor == 0) {
            throw ApiException.invalidField("amount", "amount must not be 0");
        }
        return minor;
    }
}
