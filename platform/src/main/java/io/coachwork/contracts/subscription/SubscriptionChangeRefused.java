package io.coachwork.contracts.subscription;

/**
 * Payload of subscription.change_refused: a paid-tier change the tutor asked for (and was told is
 * pending) that the wallet refused to pay; {@code reason} is the message the client can also read
 * from {@code GET /api/marketplace/tutor/subscription/changes/{saga_id}}.
 * Schema: contracts/subscription-change-refused.schema.json.
 */
public record SubscriptionChangeRefused(String sagaId, long tutorId, String tier, String reason) {
}
