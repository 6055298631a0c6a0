package io.coachwork.wallet.hours;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.TierUpdated;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Issue 7 item 9: an admin's tier edit reaches every tutor on the tier at once, not at each
 * tutor's next renewal, in both directions.
 */
class TierUpdatesTest extends WalletIntegrationTest {

    @Test
    void anEditedTierChangesTheCoachingAllowanceOfEveryTutorOnIt() {
        String tier = "tier_" + newId();
        long first = newId();
        long second = newId();
        long elsewhere = newId();
        subscriptionEvent(first, tier, false, Instant.now());
        subscriptionEvent(second, tier, false, Instant.now());
        subscriptionEvent(elsewhere, "basic", false, Instant.now());
        awaitUnlimited(first, false);
        awaitUnlimited(second, false);

        tierUpdated(tier, true);
        awaitUnlimited(first, true);
        awaitUnlimited(second, true);

        tierUpdated(tier, false);
        awaitUnlimited(first, false);
        awaitUnlimited(second, false);
        awaitUnlimited(elsewhere, false);
    }

    /** Booking earnings use the tier's commission; an edit of the rate applies to the tier's tutors at once. */
    @Test
    void anEditedTierChangesTheCommissionOfEveryTutorOnItAndANonsenseRateIsIgnored() {
        String tier = "tier_" + newId();
        long first = newId();
        long elsewhere = newId();
        subscriptionEvent(first, tier, false, Instant.now());
        subscriptionEvent(elsewhere, "basic", false, Instant.now());
        awaitRate(first, "10.00");
        awaitRate(elsewhere, "10.00");

        tierUpdated(tier, false, new BigDecimal("17.5"));
        awaitRate(first, "17.50");

        tierUpdated(tier, true, new BigDecimal("150"));
        awaitUnlimited(first, true);
        awaitRate(first, "17.50");
        awaitRate(elsewhere, "10.00");
    }

    private static void tierUpdated(String tier, boolean unlimited) {
        tierUpdated(tier, unlimited, new BigDecimal("10.0"));
    }

    private static void tierUpdated(String tier, boolean unlimited, BigDecimal commissionRate) {
        TopicProbe.send(Topics.SUBSCRIPTIONS, tier, TestEvents.cloudEvent(EventTypes.TIER_UPDATED, tier,
                new TierUpdated(tier, "Custom", unlimited, commissionRate, true)));
    }

    private void awaitRate(long tutor, String rate) {
        await().atMost(Duration.ofSeconds(30)).until(() -> rate.equals(db.sql(
                        "SELECT commission_rate::text AS r FROM tutor_plan WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("r", String.class)).one().blockOptional().orElse(null)));
    }

    private void awaitUnlimited(long tutor, boolean unlimited) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/marketplace/tutor/coaching/hours-balance",
                TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.unlimited").isEqualTo(unlimited));
    }
}
