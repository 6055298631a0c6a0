package io.coachwork.wallet.saga;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageCommands;
import io.coachwork.contracts.payment.PaymentCommands;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.wallet.packages.PackagePurchases;
import io.coachwork.wallet.payment.BookingPayments;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saga commands to the wallet. The platform runs {@link #handle} in one transaction, so a
 * command's effect, its stored reply and the reply in the outbox commit together. Each command is
 * applied once per (saga, command type): a resent or redelivered command is answered with the
 * stored reply again and moves nothing.
 */
@Component
public class WalletCommandHandler implements EventHandler {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final HoursHolds holds;
    private final SubscriptionCharges charges;
    private final BookingPayments bookings;
    private final PackagePurchases packages;
    private final SagaReplies replies;
    private final OutboxWriter outbox;
    private final EventCodec codec;
    private final JsonMapper json;
    private final Clock clock;

    public WalletCommandHandler(HoursHolds holds, SubscriptionCharges charges, BookingPayments bookings,
                                PackagePurchases packages, SagaReplies replies, OutboxWriter outbox, EventCodec codec, JsonMapper json, Clock clock) {
        this.holds = holds;
        this.charges = charges;
        this.bookings = bookings;
        this.packages = packages;
        this.replies = replies;
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "wallet-commands";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.WALLET_COMMANDS);
    }

    /**
     * Each command is claimed once per (saga, command type) with its effect; a redelivery is answered
     * again with the stored reply, as a resent command is, and the saga applies one reply per step.
     */
    @Override
    public boolean appliesOnceItself() {
        return true;
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.RESERVE_HOURS -> {
                var c = codec.data(event, WalletCommands.ReserveHours.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> holds.reserve(c));
            }
            case EventTypes.SETTLE_HOURS -> {
                var c = codec.data(event, WalletCommands.SettleHours.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> holds.settle(c));
            }
            case EventTypes.RELEASE_HOURS -> {
                var c = codec.data(event, WalletCommands.ReleaseHours.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> holds.release(c));
            }
            case EventTypes.CONFIRM_HOURS -> {
                var c = codec.data(event, WalletCommands.ConfirmHours.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> holds.confirm(c));
            }
            case EventTypes.CHARGE_SUBSCRIPTION -> {
                var c = codec.data(event, WalletCommands.ChargeSubscription.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> charges.charge(c));
            }
            case EventTypes.CREATE_BOOKING_PAYMENT -> {
                var c = codec.data(event, PaymentCommands.CreateBookingPayment.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> bookings.create(c));
            }
            case EventTypes.CANCEL_BOOKING_PAYMENT -> {
                var c = codec.data(event, PaymentCommands.CancelBookingPayment.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> bookings.cancel(c));
            }
            case EventTypes.REFUND_BOOKING_PAYMENT -> {
                var c = codec.data(event, PaymentCommands.RefundBookingPayment.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> bookings.refund(c));
            }
            case EventTypes.CONSUME_PACKAGE_CREDIT -> {
                var c = codec.data(event, PackageCommands.ConsumePackageCredit.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> packages.consume(c));
            }
            case EventTypes.RETURN_PACKAGE_CREDIT -> {
                var c = codec.data(event, PackageCommands.ReturnPackageCredit.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), () -> packages.giveBack(c));
            }
            default -> Mono.empty();
        };
    }

    private Mono<Void> once(String sagaId, String commandType, String replyTopic, Supplier<Mono<Reply>> apply) {
        if (sagaId == null || sagaId.isBlank() || replyTopic == null || !TOPIC.matcher(replyTopic).matches()) {
            return Mono.error(new IllegalArgumentException("a wallet command needs a saga_id and a valid reply_topic"));
        }
        return replies.claim(sagaId, commandType, clock.instant()).flatMap(first -> {
            if (first) {
                return apply.get().flatMap(reply -> {
                    JsonNode data = codec.toTree(reply.data());
                    return outbox.appendWith(replies.storing(sagaId, commandType, reply.type(),
                            json.writeValueAsString(data)), replyTopic, sagaId, reply.type(), data);
                });
            }
            return replies.find(sagaId, commandType)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                            "saga " + sagaId + " has no stored reply for " + commandType)))
                    .flatMap(stored -> outbox.append(replyTopic, sagaId, stored.type(), json.readTree(stored.payload())));
        }).then();
    }
}
