package io.coachwork.wallet.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.wallet.WalletProperties;
import io.coachwork.wallet.hours.TutorPlans;
import io.coachwork.wallet.ledger.AccountCode;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.InsufficientBalance;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.LedgerTransaction;
import io.coachwork.wallet.ledger.TransactionKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The coaching-session saga's side in the wallet: holds of hours per session, moved between a
 * tutor's {@code hours_available} and {@code hours_held} and, at settlement, into
 * {@code hours_consumed}. Runs inside the command's transaction (see {@link WalletCommandHandler}).
 */
@Component
public class HoursHolds {

    private static final Logger log = LoggerFactory.getLogger(HoursHolds.class);

    private final HoldRepository holds;
    private final TutorPlans plans;
    private final Ledger ledger;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final long lowThresholdMinutes;

    public HoursHolds(HoldRepository holds, TutorPlans plans, Ledger ledger, OutboxWriter outbox, Clock clock,
                      WalletProperties properties) {
        this.holds = holds;
        this.plans = plans;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
        this.lowThresholdMinutes = properties.lowHoursThresholdMinutes();
    }

    public Mono<Reply> reserve(WalletCommands.ReserveHours c) {
        Instant now = clock.instant();
        // The hold is sized for both plans here; the insert reads the tutor's plan and takes one.
        return Mono.defer(() -> holds.insertIfAbsent(c.sessionId(), c.tutorId(), c.sagaId(),
                        HoldRules.minutesToHold(false, c.minutes()), HoldRules.minutesToHold(true, c.minutes()), now))
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(created -> created.isPresent() ? hold(c, created.get()) : existing(c));
    }

    private Mono<Reply> hold(WalletCommands.ReserveHours c, Hold hold) {
        if (hold.minutes() == 0) {
            return available(hold.tutorId()).map(available -> reserved(c, hold, available));
        }
        AccountRef available = AccountRef.hoursAvailable(hold.tutorId());
        LedgerTransaction reserve = LedgerTransaction.builder(TransactionKind.HOURS_RESERVE, hold.tutorId(),
                        "HOLD-" + hold.sessionId(), "Hours reserved for coaching session " + hold.sessionId())
                .move(available, AccountRef.hoursHeld(hold.tutorId()), hold.minutes())
                .build();
        return ledger.post(reserve)
                .flatMap(posted -> {
                    long left = posted.balance(available);
                    Mono<Void> warning = HoldRules.lowBalance(left, lowThresholdMinutes)
                            ? outbox.append(Topics.WALLET_EVENTS, Long.toString(hold.tutorId()), EventTypes.HOURS_BALANCE_LOW,
                            new WalletEvents.HoursBalanceLow(hold.tutorId(), left, lowThresholdMinutes)).then()
                            : Mono.empty();
                    return warning.thenReturn(reserved(c, hold, left));
                })
                .onErrorResume(InsufficientBalance.class, refused -> holds.delete(hold.sessionId())
                        .thenReturn(new Reply(EventTypes.HOURS_RESERVATION_REFUSED, new WalletReplies.HoursReservationRefused(
                                c.sagaId(), hold.tutorId(), hold.sessionId(), c.minutes(), refused.available()))));
    }

    /** A session has one hold: another reservation for it is answered with the hold that exists. */
    private Mono<Reply> existing(WalletCommands.ReserveHours c) {
        return holds.lock(c.sessionId()).flatMap(hold -> available(hold.tutorId()).map(available -> reserved(c, hold, available)));
    }

    public Mono<Reply> settle(WalletCommands.SettleHours c) {
        if (c.usedMinutes() < 0) {
            return Mono.error(new IllegalArgumentException("used minutes cannot be negative: " + c.usedMinutes()));
        }
        // One statement closes the hold with HoldRules.settle's split and returns it as it was: still held means this
        // command closed it. The close and the posting commit or roll back together with the command.
        return holds.closeIfHeld(c.sessionId(), Hold.SETTLED, c.usedMinutes(), clock.instant()).flatMap(hold -> {
            if (!hold.held()) {
                return available(hold.tutorId()).map(available -> settled(c, hold, hold.usedMinutes(), hold.releasedMinutes(),
                        available));
            }
            HoldRules.Settlement s = HoldRules.settle(hold.minutes(), c.usedMinutes());
            AccountRef held = AccountRef.hoursHeld(hold.tutorId());
            return post(hold, () -> LedgerTransaction.builder(TransactionKind.HOURS_SETTLE, hold.tutorId(),
                            "SETTLE-" + hold.sessionId(), "Hours used by coaching session " + hold.sessionId())
                    .move(held, AccountRef.platformMinutes(AccountCode.HOURS_CONSUMED), s.usedMinutes())
                    .move(held, AccountRef.hoursAvailable(hold.tutorId()), s.releasedMinutes())
                    .build())
                    .then(available(hold.tutorId()))
                    .map(available -> settled(c, hold, s.usedMinutes(), s.releasedMinutes(), available));
        }).switchIfEmpty(Mono.defer(() -> {
            log.warn("settle for session {} (saga {}) without a hold: nothing to settle", c.sessionId(), c.sagaId());
            return available(c.tutorId()).map(available -> new Reply(EventTypes.HOURS_SETTLED,
                    new WalletReplies.HoursSettled(c.sagaId(), c.tutorId(), c.sessionId(), 0, 0, available)));
        }));
    }

    public Mono<Reply> release(WalletCommands.ReleaseHours c) {
        // Released with nothing used: the whole hold goes back. A hold no longer held comes back unchanged.
        return holds.closeIfHeld(c.sessionId(), Hold.RELEASED, 0, clock.instant()).flatMap(hold -> {
            if (!hold.held()) {
                return available(hold.tutorId()).map(available -> released(c, hold.tutorId(), 0, available));
            }
            AccountRef available = AccountRef.hoursAvailable(hold.tutorId());
            // The posting's balance needs no second read: the account stays locked until the command commits.
            Mono<Long> left = hold.minutes() == 0 ? available(hold.tutorId())
                    : ledger.post(LedgerTransaction.builder(TransactionKind.HOURS_RELEASE, hold.tutorId(),
                                    "RELEASE-" + hold.sessionId(), "Hours returned from coaching session " + hold.sessionId())
                            .move(AccountRef.hoursHeld(hold.tutorId()), available, hold.minutes())
                            .build())
                    .map(posted -> posted.balance(available));
            return left.map(l -> released(c, hold.tutorId(), hold.minutes(), l));
        }).switchIfEmpty(Mono.defer(() -> available(c.tutorId()).map(available -> released(c, c.tutorId(), 0, available))));
    }

    /** The session starts: the tutor's plan now decides the hold ({@link HoldRules#confirm}). */
    public Mono<Reply> confirm(WalletCommands.ConfirmHours c) {
        Instant now = clock.instant();
        return holds.lock(c.sessionId()).filter(Hold::held)
                .flatMap(hold -> plans.unlimited(hold.tutorId()).flatMap(unlimitedNow -> {
                    HoldRules.Confirmation change = HoldRules.confirm(unlimitedNow, hold.minutes(), hold.unlimited(),
                            c.minutes());
                    AccountRef available = AccountRef.hoursAvailable(hold.tutorId());
                    AccountRef held = AccountRef.hoursHeld(hold.tutorId());
                    Mono<Void> moved = Mono.empty();
                    if (change.toReturn() > 0) {
                        moved = ledger.post(LedgerTransaction.builder(TransactionKind.HOURS_RELEASE, hold.tutorId(),
                                "CONFIRM-" + hold.sessionId(), "Hours returned: coaching session " + hold.sessionId()
                                        + " is free on the tutor's plan").move(held, available, change.toReturn()).build()).then();
                    } else if (change.toHold() > 0) {
                        moved = ledger.post(LedgerTransaction.builder(TransactionKind.HOURS_RESERVE, hold.tutorId(),
                                "CONFIRM-" + hold.sessionId(), "Hours reserved at the start of coaching session "
                                        + hold.sessionId()).move(available, held, change.toHold()).build()).then();
                    }
                    return moved.then(holds.resize(hold.sessionId(), change.minutes(), change.unlimited(), now))
                            .then(available(hold.tutorId()))
                            .map(left -> new Reply(EventTypes.HOURS_CONFIRMED, new WalletReplies.HoursConfirmed(c.sagaId(),
                                    hold.tutorId(), hold.sessionId(), change.minutes(), change.unlimited(), left)))
                            .onErrorResume(InsufficientBalance.class, refused -> Mono.just(new Reply(
                                    EventTypes.HOURS_CONFIRMATION_REFUSED, new WalletReplies.HoursConfirmationRefused(
                                    c.sagaId(), hold.tutorId(), hold.sessionId(), c.minutes(), refused.available()))));
                }))
                .switchIfEmpty(Mono.defer(() -> available(c.tutorId()).map(left -> new Reply(EventTypes.HOURS_CONFIRMED,
                        new WalletReplies.HoursConfirmed(c.sagaId(), c.tutorId(), c.sessionId(), 0, false, left)))));
    }

    /** Zero-minute holds (unlimited tutors) have nothing in the ledger to move. */
    private Mono<Void> post(Hold hold, Supplier<LedgerTransaction> transaction) {
        return hold.minutes() == 0 ? Mono.empty() : ledger.post(transaction.get()).then();
    }

    private Mono<Long> available(long tutorId) {
        return ledger.balance(AccountRef.hoursAvailable(tutorId)).map(Ledger.Balance::balance).defaultIfEmpty(0L);
    }

    private static Reply reserved(WalletCommands.ReserveHours c, Hold hold, long available) {
        return new Reply(EventTypes.HOURS_RESERVED, new WalletReplies.HoursReserved(c.sagaId(), hold.tutorId(),
                hold.sessionId(), hold.minutes(), hold.unlimited(), available));
    }

    private static Reply settled(WalletCommands.SettleHours c, Hold hold, long used, long released, long available) {
        return new Reply(EventTypes.HOURS_SETTLED, new WalletReplies.HoursSettled(c.sagaId(), hold.tutorId(),
                hold.sessionId(), used, released, available));
    }

    private static Reply released(WalletCommands.ReleaseHours c, long tutorId, long minutes, long available) {
        return new Reply(EventTypes.HOURS_RELEASED, new WalletReplies.HoursReleased(c.sagaId(), tutorId, c.sessionId(),
                minutes, available));
    }
}
