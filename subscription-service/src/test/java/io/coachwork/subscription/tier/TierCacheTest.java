package io.coachwork.subscription.tier;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.TierUpdated;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.awaitility.Awaitility.await;

/**
 * GET subscription reads its tier from memory; a change made here shows at once, and a change announced by
 * another instance (tier_updated) as soon as this instance hears it.
 */
class TierCacheTest extends SubscriptionIntegrationTest {

    private static final String SUPER = TestJwt.token(9002, "super_admin", "admin");

    @Test
    void theCachedTierFollowsChangesMadeHereAndAnnouncedElsewhere() {
        String code = "cache_" + UUID.randomUUID().toString().substring(0, 6);
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tier(code, "Cached"))
                .exchange().expectStatus().isCreated();
        long tutor = newTutor();
        subscribe(tutor, code).expectStatus().isOk();
        tierName(tutor, "Cached");

        // Changed through this instance: its cache is emptied when the change commits.
        web.put().uri("/api/admin/subscription/tiers/" + code).headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tier(code, "Renamed here"))
                .exchange().expectStatus().isOk();
        tierName(tutor, "Renamed here");

        // Changed by another instance (here: straight in the database): shown once its tier_updated arrives. (Not
        // asserted: that the old name is served meanwhile; this instance's own tier_updated from the change above
        // may arrive after the update and empty the cache too.)
        db.sql("UPDATE tier SET name = 'Renamed elsewhere' WHERE code = :c").bind("c", code).fetch().rowsUpdated().block();
        TopicProbe.send(Topics.SUBSCRIPTIONS, code, TestEvents.cloudEvent(EventTypes.TIER_UPDATED, code,
                new TierUpdated(code, "Renamed elsewhere", false, null, true)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> tierName(tutor, "Renamed elsewhere"));
    }

    private void tierName(long tutor, String name) {
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.tier_name").isEqualTo(name);
    }

    private static String tier(String code, String name) {
        return """
                {"code": "%s", "name": "%s", "courses_limit": 5, "communities_limit": 1, "digital_downloads_limit": 1,
                 "memberships_limit": 1, "unlimited_coaching": false, "commission_rate": 10, "billing_period_days": 30,
                 "prices": [{"currency": "USD", "amount": 59.99}, {"currency": "NGN", "amount": 25000}]}
                """.formatted(code, name);
    }
}
