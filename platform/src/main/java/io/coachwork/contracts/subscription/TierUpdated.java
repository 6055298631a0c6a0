package io.coachwork.contracts.subscription;

import java.math.BigDecimal;

/**
 * Payload of subscription.tier_updated: an admin changed a tier. Wallet-service applies
 * {@code unlimitedCoaching} to every tutor on the tier at once, rather than at each tutor's next
 * renewal. Key = tier code. Schema: contracts/subscription-tier-updated.schema.json.
 */
public record TierUpdated(String tier, String name, boolean unlimitedCoaching, BigDecimal commissionRate,
                          boolean active) {
}
