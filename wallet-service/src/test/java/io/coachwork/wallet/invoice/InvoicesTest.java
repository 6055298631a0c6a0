package io.coachwork.wallet.invoice;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Each paid tier charge, subscribe or renewal, is invoiced once, numbered without gaps, and readable as JSON and PDF. */
class InvoicesTest extends WalletIntegrationTest {

    private static final String REPLIES = Topics.SUBSCRIPTION_SAGA_REPLIES;
    private static final String INVOICES = "/api/marketplace/tutor/wallet/invoices";

    @Autowired
    private InvoiceRepository repository;
    @Autowired
    private TransactionalOperator tx;

    @Test
    void subscribeAndRenewalEachIssueAPaidInvoiceAndAnnounceIt() {
        long tutor = newId();
        fund(tutor, "100.0");
        Instant subscribed = Instant.parse("2026-01-15T09:00:00Z");
        Instant renewed = Instant.parse("2026-02-14T09:00:00Z");

        JsonNode first = charge(tutor, "basic", 3900, subscribed);
        JsonNode second = charge(tutor, "basic", 3900, renewed);
        assertThat(first.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGED);
        assertThat(second.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGED);

        JsonNode page = body(get(INVOICES, TestJwt.tutor(tutor)).expectStatus().isOk());
        JsonNode invoices = page.path("data").path("invoices");
        assertThat(invoices).hasSize(2);
        assertThat(page.path("data").path("pagination").path("total").asLong()).isEqualTo(2);
        JsonNode renewal = invoices.get(0);
        JsonNode subscription = invoices.get(1);
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        assertThat(subscription.path("number").asString()).matches("CW-" + year + "-\\d{6}");
        assertThat(sequence(renewal)).isGreaterThan(sequence(subscription));
        assertThat(subscription.path("tutor_id").asLong()).isEqualTo(tutor);
        assertThat(subscription.path("tier").asString()).isEqualTo("basic");
        assertThat(Instant.parse(subscription.path("period_start").asString())).isEqualTo(subscribed);
        assertThat(Instant.parse(renewal.path("period_start").asString())).isEqualTo(renewed);
        assertThat(Instant.parse(subscription.path("period_end").asString())).isEqualTo(subscribed.plus(Duration.ofDays(30)));
        assertThat(subscription.path("status").asString()).isEqualTo("PAID");
        assertThat(Instant.parse(subscription.path("issued_at").asString())).isBeforeOrEqualTo(clock.instant());
        assertThat(subscription.path("currency").asString()).isEqualTo("NGN");
        assertThat(subscription.path("total").decimalValue()).isEqualByComparingTo("39.0");
        assertThat(subscription.path("subtotal").decimalValue()).isEqualByComparingTo("39.0");
        assertThat(subscription.path("tax").decimalValue()).isEqualByComparingTo("0");
        assertThat(subscription.path("lines")).hasSize(2);
        assertThat(subscription.path("lines").get(0).path("kind").asString()).isEqualTo("subscription");
        assertThat(subscription.path("lines").get(0).path("description").asString())
                .isEqualTo("Subscription: basic tier, 2026-01-15 to 2026-02-14");
        assertThat(subscription.path("lines").get(0).path("amount").decimalValue()).isEqualByComparingTo("39.0");
        assertThat(subscription.path("lines").get(1).path("kind").asString()).isEqualTo("tax");
        assertThat(subscription.path("lines").get(1).path("description").asString()).isEqualTo("VAT (0%)");
        assertThat(subscription.path("lines").get(1).path("rate_percent").decimalValue()).isEqualByComparingTo("0");
        assertThat(subscription.path("lines").get(1).path("amount").decimalValue()).isEqualByComparingTo("0");
        assertThat(subscription.path("transaction_ref").asString())
                .isEqualTo(first.path("data").path("transaction_ref").asString());
        assertThat(renewal.path("transaction_ref").asString())
                .isEqualTo(second.path("data").path("transaction_ref").asString());

        JsonNode fetched = body(get(INVOICES + "/" + subscription.path("id").asLong(), TestJwt.tutor(tutor))
                .expectStatus().isOk()).path("data");
        assertThat(fetched).isEqualTo(subscription);

        List<JsonNode> events = Records.await(Topics.WALLET_EVENTS, e -> isInvoiceOf(e, tutor), 2, Duration.ofSeconds(30));
        assertThat(events).extracting(e -> e.path("data").path("number").asString())
                .containsExactly(subscription.path("number").asString(), renewal.path("number").asString());
        JsonNode data = events.get(0).path("data");
        assertThat(events.get(0).path("subject").asString()).isEqualTo(Long.toString(tutor));
        assertThat(data.path("invoice_id").asLong()).isEqualTo(subscription.path("id").asLong());
        assertThat(Instant.parse(data.path("period_end").asString())).isEqualTo(subscribed.plus(Duration.ofDays(30)));
        assertThat(data.path("total_minor").asLong()).isEqualTo(3900);
        assertThat(data.path("subtotal_minor").asLong()).isEqualTo(3900);
        assertThat(data.path("tax_minor").asLong()).isZero();
        assertThat(data.path("tax_name").asString()).isEqualTo("VAT");
        assertThat(data.path("status").asString()).isEqualTo("PAID");
    }

    @Test
    void aChargeDeliveredTwiceIsInvoicedOnceAndARefusedChargeNotAtAll() {
        long tutor = newId();
        fund(tutor, "50.0");
        String saga = "saga-" + UUID.randomUUID();
        var command = new WalletCommands.ChargeSubscription(saga, tutor, "basic", 3900, "NGN", clock.instant(), REPLIES,
                null);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(EventTypes.CHARGE_SUBSCRIPTION, saga, command)),
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(EventTypes.CHARGE_SUBSCRIPTION, saga, command))));

        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, Duration.ofSeconds(30));
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).path("data")).isEqualTo(replies.get(0).path("data"));

        JsonNode refused = charge(tutor, "professional", 9900, clock.instant());
        assertThat(refused.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGE_REFUSED);

        assertThat(walletBalance(tutor)).isEqualByComparingTo("11.0");
        body(get(INVOICES, TestJwt.tutor(tutor)).expectStatus().isOk()).path("data").path("invoices")
                .forEach(i -> assertThat(i.path("tier").asString()).isEqualTo("basic"));
        assertThat(invoiceCount(tutor)).isEqualTo(1);
        // Both deliveries were answered, so any second event would already be out with the second reply.
        assertThat(Records.await(Topics.WALLET_EVENTS, e -> isInvoiceOf(e, tutor), 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void concurrentChargesTakeConsecutiveNumbers() {
        List<Long> tutors = LongStream.range(0, 8).map(i -> newId()).boxed().toList();
        tutors.forEach(t -> fund(t, "20.0"));
        // Keyed by saga, so the commands spread over the partitions and are charged in parallel.
        List<Map.Entry<String, String>> commands = new ArrayList<>();
        List<String> sagas = new ArrayList<>();
        for (long tutor : tutors) {
            String saga = "saga-" + UUID.randomUUID();
            sagas.add(saga);
            commands.add(Map.entry(saga, TestEvents.cloudEvent(EventTypes.CHARGE_SUBSCRIPTION, saga,
                    new WalletCommands.ChargeSubscription(saga, tutor, "starter", 1500, "NGN", clock.instant(), REPLIES,
                            null))));
        }
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, commands);

        List<JsonNode> replies = Records.await(REPLIES, e -> sagas.contains(e.path("subject").asString()), sagas.size(),
                Duration.ofSeconds(60));
        assertThat(replies).hasSize(sagas.size())
                .allSatisfy(r -> assertThat(r.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGED));
        tutors.forEach(t -> assertThat(invoiceCount(t)).isEqualTo(1));

        // Every invoice of the year so far, from every test: the numbers are exactly 1..n.
        String year = Integer.toString(clock.instant().atZone(ZoneOffset.UTC).getYear());
        List<Long> numbers = db.sql("SELECT number FROM invoice WHERE number LIKE :prefix ORDER BY number")
                .bind("prefix", "CW-" + year + "-%")
                .map((row, meta) -> Long.parseLong(row.get("number", String.class).substring(8)))
                .all().collectList().block();
        assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
    }

    @Test
    void aNumberTakenByATransactionThatRollsBackIsTakenAgain() {
        int year = 2999;
        // Twenty concurrent transactions take a number of a year no charge uses; every third one then fails.
        List<Long> committed = Flux.range(0, 20)
                .flatMap(i -> tx.transactional(repository.nextNumber(year)
                                .flatMap(n -> i % 3 == 0 ? Mono.error(new IllegalStateException("rolled back"))
                                        : Mono.just(n)))
                        .onErrorResume(IllegalStateException.class, e -> Mono.empty()), 20)
                .collectList().block();

        assertThat(committed).hasSize(13).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 13).boxed().toList());
        assertThat(db.sql("SELECT last_number FROM invoice_number_counter WHERE year = :y").bind("y", year)
                .map((row, meta) -> row.get("last_number", Long.class)).one().block()).isEqualTo(13);
    }

    @Test
    void thePdfIsAnAttachmentThatReadsBackWithTheNumberAmountAndTutor() throws IOException {
        long tutor = newId();
        fund(tutor, "100.0");
        charge(tutor, "professional", 9950, Instant.parse("2026-03-01T00:00:00Z"));
        JsonNode invoice = body(get(INVOICES, TestJwt.tutor(tutor)).expectStatus().isOk()).path("data").path("invoices").get(0);
        String number = invoice.path("number").asString();

        var result = web.get().uri(INVOICES + "/" + invoice.path("id").asLong() + "/pdf")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"" + number + ".pdf\"")
                .expectBody(byte[].class).returnResult();

        String text;
        try (PDDocument pdf = Loader.loadPDF(result.getResponseBody())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Invoice " + number);
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(text).contains("Invoice number: " + number, "Billed to: tutor " + tutor, "Total NGN 99.50",
                "VAT (0%) NGN 0.00", "Tier: professional", "2026-03-01", "PAID");
    }

    @Test
    void anotherTutorsInvoiceAndBadIdsAreNotFound() {
        long owner = newId();
        long other = newId();
        fund(owner, "50.0");
        charge(owner, "basic", 3900, clock.instant());
        long id = body(get(INVOICES, TestJwt.tutor(owner)).expectStatus().isOk()).path("data").path("invoices").get(0)
                .path("id").asLong();

        for (String path : List.of("/" + id, "/" + id + "/pdf")) {
            get(INVOICES + path, TestJwt.tutor(other)).expectStatus().isNotFound().expectBody()
                    .jsonPath("$.success").isEqualTo(false)
                    .jsonPath("$.message").isEqualTo("Invoice not found");
        }
        assertThat(body(get(INVOICES, TestJwt.tutor(other)).expectStatus().isOk()).path("data").path("invoices")).isEmpty();
        for (String bad : List.of("abc", "0", "-1", "99999999999999999999", "1.5", "1e3")) {
            get(INVOICES + "/" + bad, TestJwt.tutor(owner)).expectStatus().isNotFound();
            get(INVOICES + "/" + bad + "/pdf", TestJwt.tutor(owner)).expectStatus().isNotFound();
        }
        web.get().uri(INVOICES + "/{id}/pdf", "\u0000").headers(h -> h.setBearerAuth(TestJwt.tutor(owner))).exchange()
                .expectStatus().is4xxClientError();
        get(INVOICES + "?page=0", TestJwt.tutor(owner)).expectStatus().isBadRequest();
        get(INVOICES + "?limit=1000", TestJwt.tutor(owner)).expectStatus().isBadRequest();
        get(INVOICES, TestJwt.student(owner)).expectStatus().isForbidden();
    }

    @Test
    void adminsListEveryonesInvoicesOrOneTutors() {
        long tutor = newId();
        long other = newId();
        fund(tutor, "100.0");
        fund(other, "100.0");
        charge(tutor, "basic", 3900, clock.instant());
        charge(tutor, "professional", 5000, clock.instant().plusSeconds(1));
        charge(other, "basic", 3900, clock.instant());
        String admin = TestJwt.token(newId(), "admin");

        JsonNode mine = body(get("/api/admin/wallet/invoices?tutor_id=" + tutor + "&limit=1", admin).expectStatus().isOk())
                .path("data");
        assertThat(mine.path("invoices")).hasSize(1);
        assertThat(mine.path("invoices").get(0).path("tier").asString()).isEqualTo("professional");
        assertThat(mine.path("pagination").path("total").asLong()).isEqualTo(2);

        JsonNode all = body(get("/api/admin/wallet/invoices?limit=100", admin).expectStatus().isOk()).path("data");
        Set<Long> tutors = new java.util.HashSet<>();
        all.path("invoices").forEach(i -> tutors.add(i.path("tutor_id").asLong()));
        assertThat(tutors).contains(tutor, other);
        assertThat(all.path("pagination").path("total").asLong()).isGreaterThanOrEqualTo(3);

        for (String bad : List.of("abc", "0", "-5", "99999999999999999999")) {
            get("/api/admin/wallet/invoices?tutor_id=" + bad, admin).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.success").isEqualTo(false);
        }
        get("/api/admin/wallet/invoices", TestJwt.tutor(tutor)).expectStatus().isForbidden();
    }

    /**
     * Charges the tutor's wallet for a 30-day period on a fresh saga, as subscription-service's paid-tier saga does,
     * and returns the reply.
     */
    private JsonNode charge(long tutor, String tier, long amountMinor, Instant periodStart) {
        String saga = "saga-" + UUID.randomUUID();
        TopicProbe.send(Topics.WALLET_COMMANDS, Long.toString(tutor), TestEvents.cloudEvent(EventTypes.CHARGE_SUBSCRIPTION,
                saga, new WalletCommands.ChargeSubscription(saga, tutor, tier, amountMinor, "NGN", periodStart, REPLIES,
                        periodStart.plus(Duration.ofDays(30)))));
        return Records.awaitOne(REPLIES, Records.saga(saga));
    }

    private long invoiceCount(long tutor) {
        return db.sql("SELECT count(*) AS n FROM invoice WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    private static boolean isInvoiceOf(JsonNode event, long tutor) {
        return EventTypes.SUBSCRIPTION_INVOICE_CREATED.equals(event.path("type").asString())
                && event.path("data").path("tutor_id").asLong() == tutor;
    }

    private static long sequence(JsonNode invoice) {
        return Long.parseLong(invoice.path("number").asString().substring(8));
    }

    private static JsonNode body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        return TestEvents.json().readTree(response.expectBody(String.class).returnResult().getResponseBody());
    }
}
