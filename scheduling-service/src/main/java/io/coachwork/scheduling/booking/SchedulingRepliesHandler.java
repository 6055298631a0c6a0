package io.coachwork.scheduling.booking;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.saga.SagaEngine;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Replies of wallet-service and session-service to scheduling's sagas. Step answers go to the engine
 * (one reply applied per saga step); Stripe's later news about a payment goes to {@link BookingPayments}.
 * The platform dedupes by event id.
 */
@Component
public class SchedulingRepliesHandler implements EventHandler {

    private final SagaEngine engine;
    private final BookingPayments payments;
    private final EventCodec codec;

    public SchedulingRepliesHandler(SagaEngine engine, BookingPayments payments, EventCodec codec) {
        this.engine = engine;
        this.payments = payments;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "scheduling-saga-replies";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SCHEDULING_SAGA_REPLIES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.BOOKING_PAYMENT_SUCCEEDED ->
                    payments.succeeded(codec.data(event, PaymentReplies.BookingPaymentSucceeded.class));
            case EventTypes.BOOKING_PAYMENT_FAILED ->
                    payments.failed(codec.data(event, PaymentReplies.BookingPaymentFailed.class));
            case EventTypes.BOOKING_PAYMENT_REFUNDED ->
                    payments.refunded(codec.data(event, PaymentReplies.BookingPaymentRefunded.class));
            default -> engine.onReply(event);
        };
    }
}
