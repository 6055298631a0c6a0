package io.coachwork.wallet.topup;

import io.coachwork.wallet.ledger.Units;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Response bodies of the top-up endpoints and the webhook. */
public final class TopUpViews {

    private TopUpViews() {
    }

    /** A new top-up: the client completes the card payment with {@code client_secret} (Stripe.js or a mobile SDK). */
    public record Created(UUID topUpId, String paymentIntentId, String clientSecret, BigDecimal amount, String currency,
                          String status) {
    }

    public record Status(UUID topUpId, String paymentIntentId, BigDecimal amount, String currency, String status,
                         String failureReason, Instant createdAt, Instant completedAt) {

        static Status of(TopUp t) {
            return new Status(t.id(), t.paymentIntentId(), Units.money(t.amountMinor(), t.currency()), t.currency(),
                    t.status(), t.failureReason(), t.createdAt(), t.completedAt());
        }
    }

    /** What the webhook endpoint answers Stripe: {@code handled} is false for events it ignores or has seen. */
    public record WebhookAck(String eventId, String type, boolean handled) {
    }
}
