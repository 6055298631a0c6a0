package io.coachwork.contracts.subscription;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Payload of subscription.activated/changed/renewed/expired. {@code unlimitedCoaching} is what
 * wallet-service needs to skip hour reservations. Schema: contracts/subscription-event.schema.json.
 */
public record SubscriptionEvent(Long subscriptionId, long tutorId, String tier, String previousTier, String status,
                                Instant startDate, Instant endDate, boolean unlimitedCoaching,
                                BigDecimal commissionRate) {
}
