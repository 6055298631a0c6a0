package io.coachwork.wallet.payment;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PaymentEvent;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.platform.outbox.OutboxWriter;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes booking-payment facts ({@code coachwork.payments}, key = booking id) and saga replies to the
 * outbox, in the caller's transaction, so they leave only with the change they describe.
 */
@Component
public class PaymentNotices {

    private final OutboxWriter outbox;

    public PaymentNotices(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** The payment's new state as a {@code coachwork.payment.*} event of {@code type}. */
    public Mono<Void> changed(String type, BookingPayment p, String reason, Instant at) {
        return outbox.append(Topics.PAYMENTS, p.bookingId(), type, new PaymentEvent(p.bookingId(), p.studentId(),
                p.tutorId(), p.paymentIntentId(), p.status(), p.amountMinor(), p.refundedMinor(), p.currency(), reason,
                at)).then();
    }

    public Mono<Void> earning(TutorEarning earning) {
        return outbox.append(Topics.PAYMENTS, earning.bookingId(), EventTypes.TUTOR_EARNING, earning).then();
    }

    /** A reply to a booking saga that arrives later than its command (a webhook's outcome). */
    public Mono<Void> reply(String replyTopic, String sagaId, String type, Object data) {
        return outbox.append(replyTopic, sagaId, type, data).then();
    }
}
