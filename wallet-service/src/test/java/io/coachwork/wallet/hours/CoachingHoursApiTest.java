package io.coachwork.wallet.hours;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.web.ApiTimestamps;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 000's coaching hours walk: balance, purchase from the wallet, history, and the refusals. */
class CoachingHoursApiTest extends WalletIntegrationTest {

    private static final String HOURS_BALANCE = "/api/marketplace/tutor/coaching/hours-balance";

    @Test
    void aNewTutorHasNoHoursYet() {
        long tutor = newId();
        get(HOURS_BALANCE, TestJwt.tutor(tutor)).expectStatus().isOk().expectBody().json("""
                {"success": true, "data": {"hours_balance": 0.0, "unlimited": false, "total_purchased": 0.0,
                 "total_used": 0.0, "last_updated": null}}""");
    }

    @Test
    void purchasesDebitTheWalletAtTheAdminPriceAndAnswerAsSeed000Shows() {
        long tutor = newId();
        fund(tutor, "555.0");

        long firstAt = clock.instant().toEpochMilli();
        String first = purchaseHours(tutor, "5.5").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        long firstId = Long.parseLong(first.replaceAll(".*\"purchase_id\":(\\d+).*", "$1"));
        assertThat(first).isEqualTo("{\"success\":true,\"message\":\"Coaching hours purchased successfully\",\"data\":"
                + "{\"purchase_id\":" + firstId + ",\"hours_purchased\":5.5,\"price_per_hour\":10.0,\"total_amount\":55.0,"
                + "\"new_hours_balance\":5.5,\"new_wallet_balance\":500.0,\"transaction_ref\":\"COACHING-HOURS-" + tutor
                + "-" + firstAt + "\",\"currency\":\"NGN\"}}");

        clock.advance(Duration.ofMinutes(1));
        long secondAt = clock.instant().toEpochMilli();
        String second = purchaseHours(tutor, "5.5").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        long secondId = Long.parseLong(second.replaceAll(".*\"purchase_id\":(\\d+).*", "$1"));
        assertThat(second).isEqualTo("{\"success\":true,\"message\":\"Coaching hours purchased successfully\",\"data\":"
                + "{\"purchase_id\":" + secondId + ",\"hours_purchased\":5.5,\"price_per_hour\":10.0,\"total_amount\":55.0,"
                + "\"new_hours_balance\":11.0,\"new_wallet_balance\":445.0,\"transaction_ref\":\"COACHING-HOURS-" + tutor
                + "-" + secondAt + "\",\"currency\":\"NGN\"}}");

        get(HOURS_BALANCE, TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.hours_balance").isEqualTo(11.0)
                .jsonPath("$.data.unlimited").isEqualTo(false)
                .jsonPath("$.data.total_purchased").isEqualTo(11.0)
                .jsonPath("$.data.total_used").isEqualTo(0.0)
                .jsonPath("$.data.last_updated").isEqualTo(ApiTimestamps.format(clock.instant()));

        get("/api/marketplace/tutor/coaching/purchase-history", TestJwt.tutor(tutor)).expectStatus().isOk()
                .expectBody().json("""
                        {"success": true, "data": {"purchases": [
                          {"id": %d, "hours_purchased": 5.5, "price_per_hour": 10.0, "total_amount": 55.0, "currency": "NGN",
                           "transaction_ref": "COACHING-HOURS-%d-%d", "status": "completed", "purchased_at": "%s"},
                          {"id": %d, "hours_purchased": 5.5, "price_per_hour": 10.0, "total_amount": 55.0, "currency": "NGN",
                           "transaction_ref": "COACHING-HOURS-%d-%d", "status": "completed", "purchased_at": "%s"}],
                         "pagination": {"total": 2, "page": 1, "limit": 20, "pages": 1}}}""".formatted(
                        secondId, tutor, secondAt, ApiTimestamps.format(Instant.ofEpochMilli(secondAt)),
                        firstId, tutor, firstAt, ApiTimestamps.format(Instant.ofEpochMilli(firstAt))));
        get("/api/marketplace/tutor/coaching/purchase-history?page=2&limit=1", TestJwt.tutor(tutor)).expectStatus().isOk()
                .expectBody().jsonPath("$.data.purchases[0].id").isEqualTo(firstId)
                .jsonPath("$.data.pagination.pages").isEqualTo(2);

        get("/api/marketplace/tutor/wallet/transactions", TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.transactions.length()").isEqualTo(3)
                .jsonPath("$.data.transactions[0].type").isEqualTo("hours_purchase")
                .jsonPath("$.data.transactions[0].direction").isEqualTo("debit")
                .jsonPath("$.data.transactions[0].amount").isEqualTo(55.0)
                .jsonPath("$.data.transactions[0].balance_after").isEqualTo(445.0)
                .jsonPath("$.data.transactions[2].type").isEqualTo("top_up")
                .jsonPath("$.data.transactions[2].direction").isEqualTo("credit")
                .jsonPath("$.data.transactions[2].amount").isEqualTo(555.0);

        assertThat(TopicProbe.awaitRecord(Topics.WALLET_EVENTS, r -> r.key().equals(Long.toString(tutor))
                && r.value().contains(EventTypes.HOURS_PURCHASED) && r.value().contains("\"hours_balance_minutes\":660"),
                Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void notEnoughMoneyIsRefusedWithSeed000sMessageAndMovesNothing() {
        long tutor = newId();
        fund(tutor, "30.0");

        purchaseHours(tutor, "5.5").expectStatus().isBadRequest().expectBody().json("""
                {"success": false, "message": "Insufficient wallet balance. Required: 55.0 NGN, Available: 30.0 NGN"}""");

        assertThat(walletBalance(tutor)).isEqualByComparingTo("30.0");
        assertThat(availableMinutes(tutor)).isZero();
        get("/api/marketplace/tutor/coaching/purchase-history", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(0);
    }

    @Test
    void unlimitedTutorsSeeSeed000sUnlimitedShapeAndCannotBuy() {
        long tutor = newId();
        Instant subscribedAt = Instant.now();
        subscriptionEvent(tutor, "expert", true, subscribedAt);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(HOURS_BALANCE, TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.unlimited").isEqualTo(true));

        String body = get(HOURS_BALANCE, TestJwt.tutor(tutor)).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(body).isEqualTo("{\"success\":true,\"data\":{\"hours_balance\":null,\"unlimited\":true,"
                + "\"total_purchased\":0,\"total_used\":0}}");
        purchaseHours(tutor, "2").expectStatus().isBadRequest().expectBody().json("""
                {"success": false, "message": "You have unlimited coaching hours. No purchase needed."}""");

        // A late event from before the upgrade changes nothing; the later downgrade does.
        subscriptionEvent(tutor, "professional", false, subscribedAt.minusSeconds(60));
        subscriptionEvent(tutor, "free", false, subscribedAt.plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(HOURS_BALANCE, TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.unlimited").isEqualTo(false));
        assertThat(db.sql("SELECT tier FROM tutor_plan WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("tier", String.class)).one().block()).isEqualTo("free");
    }

    @Test
    void hoursMustBePositiveWholeMinutes() {
        long tutor = newId();
        purchaseHours(tutor, "0").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("hours must be greater than 0")
                .jsonPath("$.errors[0].field").isEqualTo("hours");
        purchaseHours(tutor, "-1").expectStatus().isBadRequest();
        purchaseHours(tutor, "0.01").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("hours must be a whole number of minutes (for example 1.5 or 0.25)");
        purchaseHours(tutor, "null").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("hours is required");
        purchaseHours(tutor, "\"lots\"").expectStatus().isBadRequest();
        purchaseHours(tutor, "100000").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("hours must be at most 1000");
    }

    @Test
    void theAdminsPriceFromCoachingSettingsPricesPurchases() {
        long tutor = newId();
        fund(tutor, "100.0");
        Instant changed = Instant.now();
        try {
            coachingSettings(1500, "NGN", changed);
            coachingSettings(9900, "NGN", changed.minusSeconds(3600));
            await().atMost(Duration.ofSeconds(30)).until(() -> price() == 1500);

            purchaseHours(tutor, "1.5").expectStatus().isOk().expectBody()
                    .jsonPath("$.data.price_per_hour").isEqualTo(15.0)
                    .jsonPath("$.data.total_amount").isEqualTo(22.5)
                    .jsonPath("$.data.new_wallet_balance").isEqualTo(77.5);
        } finally {
            // Back to seed 000's default for the other tests sharing this service.
            coachingSettings(1000, "NGN", changed.plusSeconds(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> price() == 1000);
        }
    }

    private long price() {
        return db.sql("SELECT COALESCE((SELECT price_per_hour_minor FROM coaching_price WHERE id = 1), 1000) AS p")
                .map((row, meta) -> row.get("p", Long.class)).one().block();
    }
}
