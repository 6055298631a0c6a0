package io.coachwork.subscription.tier;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins read the catalogue; super admins create, replace and withdraw tiers. */
class TierAdminTest extends SubscriptionIntegrationTest {

    private static final String SUPER = TestJwt.token(9002, "super_admin", "admin");
    private static final String ADMIN = TestJwt.token(9001, "admin");

    private static String tierJson(String code, String name, String courses, String usd) {
        return """
                {"code": "%s", "name": "%s", "courses_limit": %s, "communities_limit": 2,
                 "digital_downloads_limit": null, "memberships_limit": 1, "unlimited_coaching": false,
                 "commission_rate": 8.5, "billing_period_days": 30,
                 "prices": [{"currency": "USD", "amount": %s}, {"currency": "NGN", "amount": 25000}]}
                """.formatted(code, name, courses, usd);
    }

    @Test
    void seedTiersAreListedInOrderWithPrices() {
        web.get().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[0].code").isEqualTo("free")
                .jsonPath("$.data[1].code").isEqualTo("basic")
                .jsonPath("$.data[1].prices[?(@.currency == 'USD')].amount").isEqualTo(39)
                .jsonPath("$.data[1].prices[?(@.currency == 'NGN')].amount").isEqualTo(58500)
                .jsonPath("$.data[4].code").isEqualTo("grand_master")
                .jsonPath("$.data[4].courses_limit").isEmpty();
    }

    @Test
    void aSuperAdminCreatesReplacesAndWithdrawsATierThatTutorsCanThenChoose() {
        String code = "team_" + UUID.randomUUID().toString().substring(0, 6);
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tierJson(code, "Team", "50", "59.99"))
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Tier created successfully")
                .jsonPath("$.data.code").isEqualTo(code)
                .jsonPath("$.data.commission_rate").isEqualTo(8.5)
                .jsonPath("$.data.digital_downloads_limit").isEmpty()
                .jsonPath("$.data.prices[?(@.currency == 'USD')].amount_minor").isEqualTo(5999);

        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tierJson(code, "Team", "50", "59.99"))
                .exchange().expectStatus().isEqualTo(409);

        web.put().uri("/api/admin/subscription/tiers/" + code).headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tierJson(code, "Team Plus", "60", "64"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.name").isEqualTo("Team Plus").jsonPath("$.data.courses_limit").isEqualTo(60);
        // Issue 7 item 9: the edit is announced, so wallet-service applies it to the tier's tutors at once.
        assertThat(TopicProbe.awaitRecord(Topics.SUBSCRIPTIONS, r -> code.equals(r.key())
                        && r.value().contains(EventTypes.TIER_UPDATED) && r.value().contains("\"name\":\"Team Plus\""),
                Duration.ofSeconds(20))).isPresent();

        long tutor = newTutor();
        subscribe(tutor, code).expectStatus().isOk().expectBody().jsonPath("$.data.courses_limit").isEqualTo(60);

        web.delete().uri("/api/admin/subscription/tiers/" + code).headers(h -> h.setBearerAuth(SUPER))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("1 tutor(s) are subscribed to " + code
                        + "; move them to another tier before withdrawing it");
        subscribe(tutor, "basic").expectStatus().isOk();
        web.delete().uri("/api/admin/subscription/tiers/" + code).headers(h -> h.setBearerAuth(SUPER))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.active").isEqualTo(false);
        subscribe(newTutor(), code).expectStatus().isBadRequest();
    }

    @Test
    void adminsMayReadButNotChangeAndInvalidTiersAreRefusedPerField() {
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tierJson("nope", "Nope", "1", "1"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/admin/subscription/tiers/basic").headers(h -> h.setBearerAuth(TestJwt.tutor(1)))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tierJson("Bad Code", "", "-1", "-5"))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'code')]").exists()
                .jsonPath("$.errors[?(@.field == 'name')].message").isEqualTo("name is required")
                .jsonPath("$.errors[?(@.field == 'courses_limit')].message").isEqualTo("courses_limit must be 0 or more");
        web.delete().uri("/api/admin/subscription/tiers/free").headers(h -> h.setBearerAuth(SUPER))
                .exchange().expectStatus().isBadRequest();
        web.get().uri("/api/admin/subscription/tiers/unknown").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void pricesTakeTheirCurrencysDecimalsNotAlwaysTwo() {
        String code = "yen_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code": "%s", "name": "Yen", "courses_limit": 1, "communities_limit": 1,
                 "digital_downloads_limit": 1, "memberships_limit": 1, "unlimited_coaching": false,
                 "commission_rate": 10, "billing_period_days": 30,
                 "prices": [{"currency": "JPY", "amount": 500}, {"currency": "USD", "amount": 5.5}]}
                """.formatted(code);
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.data.prices[?(@.currency == 'JPY')].amount").isEqualTo(500)
                .jsonPath("$.data.prices[?(@.currency == 'JPY')].amount_minor").isEqualTo(500)
                .jsonPath("$.data.prices[?(@.currency == 'USD')].amount_minor").isEqualTo(550);

        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.replace(code, code + "x").replace("\"amount\": 500", "\"amount\": 500.5"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("amount may have at most 0 decimal places for JPY");
        web.post().uri("/api/admin/subscription/tiers").headers(h -> h.setBearerAuth(SUPER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.replace(code, code + "y").replace("JPY", "ABC"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("prices");
    }
}
