package io.coachwork.wallet.packages;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageCommands;
import io.coachwork.contracts.scheduling.TutorProfileEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.stripe.StripeWebhooks;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session packages end to end against PostgreSQL, the broker and the local Stripe: a tutor's offer, a
 * student's card purchase confirmed by the webhook (twice), the booking saga's consume and return
 * commands (each delivered twice), the tutor's share when a session completes (twice), expiry, the
 * refund policy, and the ledger reconciling to the cent.
 */
class PackagesTest extends WalletIntegrationTest {

    private static final String REPLIES = Topics.SCHEDULING_SAGA_REPLIES;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void aStudentBuysAFiveSessionPackageAndBooksWithIt() {
        long tutor = newId();
        long student = newId();
        createPackage(tutor, """
                {"name": "Five hours of algebra", "session_count": 5, "duration_minutes": 60, "price": 250.00,
                 "currency": "usd", "validity_days": 60}""")
                .jsonPath("$.data.price").isEqualTo(250.0)
                .jsonPath("$.data.price_per_session").isEqualTo(50.0)
                .jsonPath("$.data.currency").isEqualTo("USD")
                .jsonPath("$.data.active").isEqualTo(true);
        long packageId = lastPackage(tutor);
        get("/api/teaching/packages?tutor_id=" + tutor, TestJwt.student(student)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.packages[0].id").isEqualTo(packageId)
                .jsonPath("$.data.pagination.total").isEqualTo(1);

        JsonNode bought = buy(student, packageId, "key-" + UUID.randomUUID());
        String purchase = bought.path("id").asString();
        String intentId = bought.path("payment_intent_id").asString();
        assertThat(bought.path("status").asString()).isEqualTo("REQUIRES_PAYMENT");
        assertThat(bought.path("client_secret").asString()).startsWith(intentId + "_secret_");
        assertThat(bought.path("credits_left").asInt()).isZero();
        JsonNode intent = STRIPE.paymentIntent(intentId).orElseThrow();
        assertThat(intent.path("amount").asLong()).isEqualTo(25_000);
        assertThat(intent.path("metadata").path("package_purchase_id").asString()).isEqualTo(purchase);

        // Stripe's webhook twice: one purchase, one payment into the escrow.
        StripeWebhooks.SignedWebhook paid = STRIPE.succeededWebhook(intentId, WEBHOOK_SECRET, clock.instant());
        deliver(paid).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);
        deliver(paid).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        assertThat(escrow(purchase)).isEqualTo(25_000);
        assertThat(events(purchase, EventTypes.PACKAGE_PURCHASED, 2)).hasSize(1);
        purchaseOf(purchase, student).jsonPath("$.data.status").isEqualTo("ACTIVE")
                .jsonPath("$.data.credits_total").isEqualTo(5).jsonPath("$.data.credits_left").isEqualTo(5);

        // The booking saga spends a credit; the command delivered twice spends one.
        String booking = UUID.randomUUID().toString();
        String saga = "saga-" + UUID.randomUUID();
        var consume = new PackageCommands.ConsumePackageCredit(saga, purchase, booking, student, tutor, 60,
                clock.instant().plus(Duration.ofDays(2)), REPLIES);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(purchase, TestEvents.cloudEvent(EventTypes.CONSUME_PACKAGE_CREDIT, saga, consume)),
                Map.entry(purchase, TestEvents.cloudEvent(EventTypes.CONSUME_PACKAGE_CREDIT, saga, consume))));
        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, WAIT);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).path("type").asString()).isEqualTo(EventTypes.PACKAGE_CREDIT_CONSUMED);
        assertThat(replies.get(1).path("data")).isEqualTo(replies.get(0).path("data"));
        assertThat(replies.get(0).path("data").path("credits_left").asInt()).isEqualTo(4);
        assertThat(replies.get(0).path("data").path("credits_used").asInt()).isEqualTo(1);

        // Usage is visible to the student and to the tutor.
        purchaseOf(purchase, student).jsonPath("$.data.credits_used").isEqualTo(1)
                .jsonPath("$.data.usage[0].booking_id").isEqualTo(booking)
                .jsonPath("$.data.usage[0].status").isEqualTo("CONSUMED");
        get("/api/teaching/package-purchases/" + purchase, TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.usage[0].booking_id").isEqualTo(booking).jsonPath("$.data.client_secret").doesNotExist();
        get("/api/marketplace/tutor/packages/purchases", TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.purchases[0].student_id").isEqualTo(student)
                .jsonPath("$.data.purchases[0].credits_used").isEqualTo(1)
                .jsonPath("$.data.purchases[0].credits_left").isEqualTo(4);
        get("/api/teaching/package-purchases/" + purchase, TestJwt.student(newId())).expectStatus().isNotFound();

        // The session completes (the event twice): the tutor earns one credit's share less 10% commission, once.
        TeachingSessionEvent done = completed(tutor, booking);
        TopicProbe.send(Topics.TEACHING_SESSIONS, done.sessionId(),
                TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, done.sessionId(), done));
        TopicProbe.send(Topics.TEACHING_SESSIONS, done.sessionId(),
                TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, done.sessionId(), done));
        await().atMost(WAIT).until(() -> escrow(purchase) == 20_000);
        List<JsonNode> earnings = Records.await(Topics.PAYMENTS, e -> booking.equals(e.path("subject").asString())
                && EventTypes.TUTOR_EARNING.equals(e.path("type").asString()), 2, QUIET);
        assertThat(earnings).hasSize(1);
        assertThat(earnings.get(0).path("data").path("gross_minor").asLong()).isEqualTo(5000);
        assertThat(earnings.get(0).path("data").path("commission_minor").asLong()).isEqualTo(500);
        assertThat(earnings.get(0).path("data").path("net_minor").asLong()).isEqualTo(4500);
        get("/api/marketplace/tutor/wallet/earnings", TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.balances[0].balance").isEqualTo(45.0);
        purchaseOf(purchase, student).jsonPath("$.data.usage[0].status").isEqualTo("RELEASED");
        reconciled();
    }

    @Test
    void aPackageBookingWithNoCreditsLeftIsRefusedWithAClearMessage() {
        long tutor = newId();
        long student = newId();
        String purchase = paidPurchase(tutor, student, 2, 45, "90.00");

        assertThat(consume(purchase, student, tutor, 45).path("type").asString())
                .isEqualTo(EventTypes.PACKAGE_CREDIT_CONSUMED);
        assertThat(consume(purchase, student, tutor, 45).path("data").path("credits_left").asInt()).isZero();
        JsonNode refused = consume(purchase, student, tutor, 45);
        assertThat(refused.path("type").asString()).isEqualTo(EventTypes.PACKAGE_CREDIT_REFUSED);
        assertThat(refused.path("data").path("reason").asString()).isEqualTo("No credits left in this package");

        assertThat(consume(purchase, student, newId(), 45).path("data").path("reason").asString())
                .isEqualTo("This package is for another tutor's sessions");
        assertThat(consume(purchase, newId(), tutor, 45).path("data").path("reason").asString())
                .isEqualTo("This package belongs to another student");
        assertThat(consume("not-a-purchase", student, tutor, 45).path("data").path("reason").asString())
                .isEqualTo("Package purchase not found");
        purchaseOf(purchase, student).jsonPath("$.data.credits_used").isEqualTo(2).jsonPath("$.data.credits_left").isEqualTo(0);
    }

    @Test
    void aReturnedCreditCanBeSpentAgainAndAReturnDeliveredTwiceGivesOneBack() {
        long tutor = newId();
        long student = newId();
        String purchase = paidPurchase(tutor, student, 1, 60, "50.00");
        JsonNode used = consume(purchase, student, tutor, 60);
        String booking = used.path("data").path("booking_id").asString();
        assertThat(consume(purchase, student, tutor, 60).path("data").path("reason").asString())
                .isEqualTo("No credits left in this package");

        String saga = "saga-" + UUID.randomUUID();
        var giveBack = new PackageCommands.ReturnPackageCredit(saga, purchase, booking, "student cancelled", REPLIES);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(purchase, TestEvents.cloudEvent(EventTypes.RETURN_PACKAGE_CREDIT, saga, giveBack)),
                Map.entry(purchase, TestEvents.cloudEvent(EventTypes.RETURN_PACKAGE_CREDIT, saga, giveBack))));
        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, WAIT);
        assertThat(replies).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("type").asString()).isEqualTo(EventTypes.PACKAGE_CREDIT_RETURNED);
            assertThat(r.path("data").path("returned").asBoolean()).isTrue();
            assertThat(r.path("data").path("credits_left").asInt()).isEqualTo(1);
        });
        // Another saga returning the same booking's credit gives nothing more back.
        JsonNode again = command(purchase, EventTypes.RETURN_PACKAGE_CREDIT,
                s -> new PackageCommands.ReturnPackageCredit(s, purchase, booking, "again", REPLIES));
        assertThat(again.path("data").path("returned").asBoolean()).isFalse();
        purchaseOf(purchase, student).jsonPath("$.data.credits_left").isEqualTo(1)
                .jsonPath("$.data.usage[0].status").isEqualTo("RETURNED");

        assertThat(consume(purchase, student, tutor, 60).path("type").asString()).isEqualTo(EventTypes.PACKAGE_CREDIT_CONSUMED);
        assertThat(events(purchase, EventTypes.PACKAGE_CREDIT_GIVEN_BACK, 3)).hasSize(1);
    }

    @Test
    void expiryForfeitsUnusedCreditsNothingIsRefundedAfterAndTheBooksCloseToTheCent() {
        long tutor = newId();
        long student = newId();
        // 100.00 over 3 credits: 33.33, 33.33, 33.34 in the order they settle.
        String purchase = paidPurchase(tutor, student, 3, 60, "100.00");
        String delivered = consume(purchase, student, tutor, 60).path("data").path("booking_id").asString();
        String pending = consume(purchase, student, tutor, 60).path("data").path("booking_id").asString();
        TeachingSessionEvent first = completed(tutor, delivered);
        TopicProbe.send(Topics.TEACHING_SESSIONS, first.sessionId(),
                TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, first.sessionId(), first));
        await().atMost(WAIT).until(() -> escrow(purchase) == 10_000 - 3333);

        Instant before = clock.instant();
        try {
            clock.advance(Duration.ofDays(31));
            // Other purchases of this class may expire in the same pass; this one's outcome is read below.
            runExpiry();
            runExpiry().jsonPath("$.data.purchases_expired").isEqualTo(0);
            assertThat(ledger(purchase, "package_forfeits")).isEqualTo(3333);
            purchaseOf(purchase, student).jsonPath("$.data.status").isEqualTo("EXPIRED")
                    .jsonPath("$.data.credits_expired").isEqualTo(1).jsonPath("$.data.credits_left").isEqualTo(0);
            assertThat(consume(purchase, student, tutor, 60).path("data").path("reason").asString())
                    .startsWith("This package expired on ");
            refund(student, purchase).expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                    .isEqualTo("This package has expired; unused credits are not refunded");
            assertThat(events(purchase, EventTypes.PACKAGE_EXPIRED, 2)).hasSize(1);

            // The credit still in use is paid to the tutor when its session completes: the last share, 33.34.
            TeachingSessionEvent second = completed(tutor, pending);
            TopicProbe.send(Topics.TEACHING_SESSIONS, second.sessionId(),
                    TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, second.sessionId(), second));
            await().atMost(WAIT).until(() -> escrow(purchase) == 0);
            assertThat(ledger(purchase, "platform_commission") + ledger(purchase, "earnings")
                    + ledger(purchase, "package_forfeits")).isEqualTo(10_000);
            assertThat(ledger(purchase, "earnings")).isEqualTo(3000 + 3001); // 33.33 and 33.34 less 10%, half-up
            reconciled();
        } finally {
            clock.set(before);
        }
    }

    @Test
    void anUnusedPurchaseIsRefundedInFullAndAUsedOneIsNot() {
        long tutor = newId();
        long student = newId();
        String unused = paidPurchase(tutor, student, 4, 30, "80.00");
        refund(newId(), unused).expectStatus().isNotFound();
        refund(student, unused).expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("REFUND_PENDING")
                .jsonPath("$.data.credits_left").isEqualTo(0);
        String intentId = intentOf(unused);
        assertThat(STRIPE.refundsOf(intentId)).singleElement()
                .satisfies(r -> assertThat(r.path("amount").asLong()).isEqualTo(8000));
        StripeWebhooks.SignedWebhook refunded = STRIPE.refundedWebhook(intentId, WEBHOOK_SECRET, clock.instant());
        deliver(refunded).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);
        deliver(refunded).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        assertThat(escrow(unused)).isZero();
        purchaseOf(unused, student).jsonPath("$.data.status").isEqualTo("REFUNDED");
        assertThat(consume(unused, student, tutor, 30).path("data").path("reason").asString())
                .isEqualTo("This package was refunded");

        String used = paidPurchase(tutor, student, 4, 30, "80.00");
        consume(used, student, tutor, 30);
        refund(student, used).expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("A credit of this package was used; used packages are not refunded");
        reconciled();
    }

    @Test
    void aDiscountIsTakenOffTheHourlyRateSchedulingAnnouncedAndBadInputIsRefusedByField() {
        long tutor = newId();
        createPackage(tutor, "{\"name\": \"Ten\", \"session_count\": 10, \"duration_minutes\": 60, \"discount_percent\": 15}",
                400).jsonPath("$.errors[0].field").isEqualTo("discount_percent");
        TutorProfileEvent approved = new TutorProfileEvent(tutor, "APPROVED", "Ada", "Africa/Lagos", List.of("Maths"),
                6000L, "USD", true, 1, null, Instant.now());
        TopicProbe.send(Topics.SCHEDULING_PROFILES, Long.toString(tutor),
                TestEvents.cloudEvent(EventTypes.TUTOR_PROFILE_APPROVED, Long.toString(tutor), approved));
        await().atMost(WAIT).until(() -> db.sql("SELECT count(*) AS n FROM package_tutor_rate WHERE tutor_id = :t")
                .bind("t", tutor).map((row, meta) -> row.get("n", Long.class)).one().block() == 1);

        createPackage(tutor, """
                {"name": "Ten hours", "session_count": 10, "duration_minutes": 45, "discount_percent": 12.5}""")
                .jsonPath("$.data.full_price").isEqualTo(450.0)
                .jsonPath("$.data.price").isEqualTo(393.75)
                .jsonPath("$.data.discount_percent").isEqualTo(12.5)
                .jsonPath("$.data.currency").isEqualTo("USD");
        long id = lastPackage(tutor);
        patch(tutor, id, "{\"session_count\": 5}").expectStatus().isOk().expectBody()
                .jsonPath("$.data.price").isEqualTo(196.87).jsonPath("$.data.session_count").isEqualTo(5);
        patch(tutor, id, "{\"active\": false}").expectStatus().isOk();
        get("/api/teaching/packages?tutor_id=" + tutor, TestJwt.student(newId())).expectStatus().isOk().expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(0);
        buyRequest(newId(), id, null).expectStatus().isEqualTo(409);
        patch(newId(), id, "{\"active\": true}").expectStatus().isNotFound();
        // Tutor ids are 64-bit like every user id; anything else names the field.
        get("/api/teaching/packages?tutor_id=900000000000", TestJwt.student(newId())).expectStatus().isOk().expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(0);
        for (String bad : List.of("0", "-3", "1.5", "abc", "99999999999999999999", "")) {
            get("/api/teaching/packages?tutor_id=" + bad, TestJwt.student(newId())).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("tutor_id");
        }

        createPackage(tutor, "{\"name\": \"x\", \"session_count\": 1e30, \"duration_minutes\": 60, \"price\": 5, \"currency\": \"USD\"}", 400)
                .jsonPath("$.errors[0].field").isEqualTo("session_count");
        createPackage(tutor, "{\"name\": \"x\", \"session_count\": 2, \"duration_minutes\": 60, \"price\": 5, \"currency\": \"XYZ\"}", 400)
                .jsonPath("$.errors[0].field").isEqualTo("currency");
        createPackage(tutor, "{\"name\": \"x\", \"session_count\": 2, \"duration_minutes\": 60, \"price\": 5, \"discount_percent\": 5}", 400)
                .jsonPath("$.errors[0].field").isEqualTo("price");
        createPackage(tutor, "{\"name\": \"x\", \"session_count\": 2.5, \"duration_minutes\": 60, \"price\": 5, \"currency\": \"USD\"}", 400)
                .jsonPath("$.errors[0].field").isEqualTo("session_count");
        web.delete().uri("/api/marketplace/tutor/packages/" + id).headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isOk();
        get("/api/marketplace/tutor/packages/" + id, TestJwt.tutor(tutor)).expectStatus().isNotFound();
        get("/api/marketplace/tutor/packages/abc", TestJwt.tutor(tutor)).expectStatus().isNotFound();
        get("/api/teaching/packages", TestJwt.student(newId())).expectStatus().isBadRequest();
        web.post().uri("/api/teaching/packages/1/purchase").headers(h -> h.setBearerAuth(TestJwt.tutor(newId())))
                .exchange().expectStatus().isForbidden();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private WebTestClient.BodyContentSpec createPackage(long tutor, String body) {
        return createPackage(tutor, body, 201);
    }

    private WebTestClient.BodyContentSpec createPackage(long tutor, String body, int status) {
        return web.post().uri("/api/marketplace/tutor/packages").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody();
    }

    private WebTestClient.ResponseSpec patch(long tutor, long id, String body) {
        return web.patch().uri("/api/marketplace/tutor/packages/" + id).headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long lastPackage(long tutor) {
        return db.sql("SELECT max(id) AS id FROM session_package WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("id", Long.class)).one().block();
    }

    private WebTestClient.ResponseSpec buyRequest(long student, long packageId, String key) {
        return web.post().uri("/api/teaching/packages/" + packageId + "/purchase")
                .headers(h -> {
                    h.setBearerAuth(TestJwt.student(student));
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                }).exchange();
    }

    /** Buys with an Idempotency-Key: the retry answers the first purchase and opens nothing more. */
    private JsonNode buy(long student, long packageId, String key) {
        JsonNode first = TestEvents.json().readTree(buyRequest(student, packageId, key).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).path("data");
        JsonNode retry = TestEvents.json().readTree(buyRequest(student, packageId, key).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).path("data");
        assertThat(retry.path("id")).isEqualTo(first.path("id"));
        return first;
    }

    private String paidPurchase(long tutor, long student, int sessions, int minutes, String price) {
        createPackage(tutor, "{\"name\": \"Pack\", \"session_count\": " + sessions + ", \"duration_minutes\": " + minutes
                + ", \"price\": " + price + ", \"currency\": \"USD\", \"validity_days\": 30}");
        JsonNode bought = buy(student, lastPackage(tutor), "key-" + UUID.randomUUID());
        deliver(STRIPE.succeededWebhook(bought.path("payment_intent_id").asString(), WEBHOOK_SECRET, clock.instant()))
                .expectStatus().isOk();
        return bought.path("id").asString();
    }

    private JsonNode consume(String purchase, long student, long tutor, int minutes) {
        String booking = UUID.randomUUID().toString();
        return command(purchase, EventTypes.CONSUME_PACKAGE_CREDIT, s -> new PackageCommands.ConsumePackageCredit(s,
                purchase, booking, student, tutor, minutes, clock.instant().plus(Duration.ofDays(1)), REPLIES));
    }

    private JsonNode command(String key, String type, Function<String, Object> command) {
        String saga = "saga-" + UUID.randomUUID();
        TopicProbe.send(Topics.WALLET_COMMANDS, key, TestEvents.cloudEvent(type, saga, command.apply(saga)));
        return Records.awaitOne(REPLIES, Records.saga(saga));
    }

    private WebTestClient.BodyContentSpec purchaseOf(String purchase, long student) {
        return get("/api/teaching/package-purchases/" + purchase, TestJwt.student(student)).expectStatus().isOk()
                .expectBody();
    }

    private WebTestClient.ResponseSpec refund(long student, String purchase) {
        return web.post().uri("/api/teaching/package-purchases/" + purchase + "/refund")
                .headers(h -> h.setBearerAuth(TestJwt.student(student))).exchange();
    }

    private WebTestClient.BodyContentSpec runExpiry() {
        return web.post().uri("/api/admin/wallet/jobs/package-expiry")
                .headers(h -> h.setBearerAuth(TestJwt.token(newId(), "admin"))).exchange().expectStatus().isOk()
                .expectBody();
    }

    private String intentOf(String purchase) {
        return db.sql("SELECT payment_intent_id FROM package_purchase WHERE id = :id::uuid").bind("id", purchase)
                .map((row, meta) -> row.get("payment_intent_id", String.class)).one().block();
    }

    private List<JsonNode> events(String purchase, String type, int atMost) {
        Predicate<JsonNode> match = e -> purchase.equals(e.path("subject").asString())
                && type.equals(e.path("type").asString());
        return Records.await(Topics.PAYMENTS, match, atMost, QUIET);
    }

    private static TeachingSessionEvent completed(long tutor, String booking) {
        String id = UUID.randomUUID().toString();
        Instant start = Instant.now().minusSeconds(3600);
        return new TeachingSessionEvent(id, 1, tutor, "ONE_TO_ONE", "COMPLETED", start, start.plusSeconds(3600),
                "Algebra", "ch-" + id, List.of(new TeachingSessionEvent.Participant("p-" + booking, booking, 1, "BOOKED",
                1800)), null, null, null, Instant.now());
    }

    private long escrow(String purchase) {
        return ledger(purchase, "package_escrow");
    }

    /** What the ledger moved into an account for this purchase (its own transactions and its credits' releases). */
    private long ledger(String purchase, String code) {
        return db.sql("""
                        SELECT COALESCE(sum(e.amount), 0)::bigint AS total FROM ledger_entry e
                        JOIN ledger_transaction t ON t.id = e.transaction_id JOIN account a ON a.id = e.account_id
                        WHERE a.code = :code AND (t.reference IN ('PACKAGE-PAY-' || :p)
                          OR t.reference LIKE 'PACKAGE-EXPIRY-' || :p || '-%' OR t.reference LIKE 'PACKAGE-REFUND-' || :p || '-%'
                          OR t.reference IN (SELECT 'PACKAGE-RELEASE-' || booking_id FROM package_credit
                                             WHERE purchase_id = :p::uuid))""")
                .bind("code", code).bind("p", purchase)
                .map((row, meta) -> row.get("total", Long.class)).one().block();
    }

    /** The admin reconciliation finds nothing, and the package escrow equals what the purchases say it holds. */
    private void reconciled() {
        get("/api/admin/wallet/reconciliation", TestJwt.token(newId(), "admin")).expectStatus().isOk().expectBody()
                .jsonPath("$.data.ok").isEqualTo(true);
        Long gap = db.sql("""
                        SELECT (SELECT COALESCE(sum(paid_minor - released_minor - forfeited_minor - refunded_minor), 0)
                                FROM package_purchase WHERE currency = 'USD')
                             - (SELECT COALESCE(sum(e.amount), 0) FROM ledger_entry e JOIN account a ON a.id = e.account_id
                                WHERE a.code = 'package_escrow' AND a.unit = 'USD') AS gap""")
                .map((row, meta) -> ((Number) row.get("gap")).longValue()).one().block();
        assertThat(gap).isZero();
    }
}
