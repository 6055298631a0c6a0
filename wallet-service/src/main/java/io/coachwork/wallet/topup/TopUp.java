package io.coachwork.wallet.topup;

import java.time.Instant;
import java.util.UUID;

/** A card top-up: {@code pending} until Stripe's signed webhook says the payment {@code succeeded} or {@code failed}. */
public record TopUp(UUID id, long tutorId, long amountMinor, String currency, String status, String paymentIntentId,
                    Long creditedMinor, String failureReason, Instant createdAt, Instant completedAt) {

    public static final String PENDING = "pending";
}
