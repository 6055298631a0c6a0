package io.coachwork.wallet.payment;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PaymentCommands;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.stripe.StripeWebhooks;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Booking payments end to end against PostgreSQL, the broker and the local Stripe: the booking
 * saga's commands and their replies, Stripe's webhooks (twice, out of order, forged), refunds full
 * and partial, and tutor earnings when a teaching session completes.
 */
class BookingPaymentsTest extends WalletIntegrationTest {

    private static final String REPLIES = Topics.SCHEDULING_SAGA_REPLIES;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long to watch for a second event that must not come. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void createOpensOneIntentPerBookingAndARepeatedCommandGetsTheSameReply() {
        long student = newId();
        long tutor = newId();
        String booking = newBooking();
        String saga = "saga-" + UUID.randomUUID();
        var create = new PaymentCommands.CreateBookingPayment(saga, booking, student, tutor, newId(), 4500, "USD",
                "45 minutes of algebra", Instant.now().plusSeconds(900), REPLIES);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(booking, TestEvents.cloudEvent(EventTypes.CREATE_BOOKING_PAYMENT, saga, create)),
                Map.entry(booking, TestEvents.cloudEvent(EventTypes.CREATE_BOOKING_PAYMENT, saga, create))));

        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, WAIT);

        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_CREATED);
        assertThat(replies.get(1).path("data")).isEqualTo(replies.get(0).path("data"));
        JsonNode data = replies.get(0).path("data");
        String intentId = data.path("payment_intent_id").asString();
        assertThat(data.path("client_secret").asString()).startsWith(intentId + "_secret_");
        assertThat(data.path("amount_minor").asLong()).isEqualTo(4500);
        assertThat(data.path("currency").asString()).isEqualTo("USD");
        JsonNode intent = STRIPE.paymentIntent(intentId).orElseThrow();
        assertThat(intent.path("amount").asLong()).isEqualTo(4500);
        assertThat(intent.path("currency").asString()).isEqualTo("usd");
        assertThat(intent.path("description").asString()).isEqualTo("45 minutes of algebra");
        assertThat(intent.path("metadata").path("booking_id").asString()).isEqualTo(booking);
        assertThat(intent.path("metadata").path("student_id").asString()).isEqualTo(Long.toString(student));
        assertThat(intent.path("metadata").path("tutor_id").asString()).isEqualTo(Long.toString(tutor));

        // Another saga for the same booking is answered with the same intent (Stripe's idempotency key is the booking).
        JsonNode again = command(EventTypes.CREATE_BOOKING_PAYMENT, booking, s -> new PaymentCommands.CreateBookingPayment(
                s, booking, student, tutor, 1, 4500, "USD", null, null, REPLIES));
        assertThat(again.path("data").path("payment_intent_id").asString()).isEqualTo(intentId);
        assertThat(paymentEvents(booking, EventTypes.PAYMENT_CREATED, 2)).hasSize(1);
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("REQUIRES_PAYMENT")
                .jsonPath("$.data.payment_intent_id").isEqualTo(intentId)
                .jsonPath("$.data.amount").isEqualTo(45.0);
    }

    @Test
    void whatStripeOrTheCommandCannotTakeIsRefusedAndOpensNothing() {
        String tooMuch = newBooking();
        JsonNode refused = create(tooMuch, newId(), 100_000_000L, "USD");
        assertThat(refused.path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_REFUSED);
        assertThat(refused.path("data").path("reason").asString())
                .startsWith("The card payment could not be started: Amount must be no more than");
        bookingPayment(tooMuch).jsonPath("$.data.status").isEqualTo("REFUSED");

        JsonNode badCurrency = create(newBooking(), newId(), 1000, "ABC");
        assertThat(badCurrency.path("data").path("reason").asString()).isEqualTo("Unknown currency ABC");
        JsonNode nothing = create(newBooking(), newId(), 0, "USD");
        assertThat(nothing.path("data").path("reason").asString()).isEqualTo("The amount must be greater than 0");
    }

    @Test
    void theSucceededWebhookFillsTheEscrowOnceAndALateFailureOrAForgeryChangesNothing() {
        long tutor = newId();
        String booking = newBooking();
        JsonNode created = create(booking, tutor, 6000, "USD");
        String saga = created.path("subject").asString();
        String intentId = created.path("data").path("payment_intent_id").asString();

        StripeWebhooks.SignedWebhook forged = STRIPE.succeededWebhook(intentId, "whsec_someone_else", clock.instant());
        deliver(forged).expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("Invalid Stripe signature");
        assertThat(escrow(booking)).isZero();
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("REQUIRES_PAYMENT");

        StripeWebhooks.SignedWebhook paid = StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.succeeded",
                STRIPE.paymentIntent(intentId).orElseThrow(), clock.instant());
        deliver(paid).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);
        deliver(paid).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        // Out of order: the failure of an earlier attempt arrives after the success.
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.payment_failed", declined(intentId),
                clock.instant())).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);

        assertThat(escrow(booking)).isEqualTo(6000);
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("SUCCEEDED").jsonPath("$.data.paid").isEqualTo(60.0);
        List<JsonNode> late = Records.await(REPLIES, Records.saga(saga).and(e -> !e.path("type").asString()
                .equals(EventTypes.BOOKING_PAYMENT_CREATED)), 3, QUIET);
        assertThat(late).extracting(e -> e.path("type").asString()).containsExactly(EventTypes.BOOKING_PAYMENT_SUCCEEDED);
        assertThat(late.get(0).path("data").path("amount_minor").asLong()).isEqualTo(6000);
        assertThat(late.get(0).path("data").path("payment_intent_id").asString()).isEqualTo(intentId);
        assertThat(paymentEvents(booking, EventTypes.PAYMENT_SUCCEEDED, 2)).hasSize(1);
    }

    @Test
    void theSameWebhookDeliveredConcurrentlyMovesTheMoneyOnce() throws Exception {
        String booking = newBooking();
        JsonNode created = create(booking, newId(), 7000, "USD");
        String intentId = created.path("data").path("payment_intent_id").asString();
        StripeWebhooks.SignedWebhook paid = STRIPE.succeededWebhook(intentId, WEBHOOK_SECRET, clock.instant());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> deliveries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deliveries.add(pool.submit(() -> TestEvents.json().readTree(deliver(paid).expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody()).path("data").path("handled").asBoolean()));
            }
            long handled = 0;
            for (var delivery : deliveries) {
                handled += delivery.get() ? 1 : 0;
            }
            assertThat(handled).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(escrow(booking)).isEqualTo(7000);
        assertThat(Records.await(REPLIES, Records.saga(created.path("subject").asString())
                .and(type(EventTypes.BOOKING_PAYMENT_SUCCEEDED)), 2, QUIET)).hasSize(1);
    }

    @Test
    void aWebhookForABookingWhosePaymentIsNotRecordedYetIsAskedAgainLater() {
        ObjectNode early = TestEvents.json().createObjectNode().put("id", "pi_early_" + newId())
                .put("object", "payment_intent").put("amount", 100).put("amount_received", 100).put("currency", "usd")
                .put("status", "succeeded");
        early.putObject("metadata").put("booking_id", newBooking());
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.succeeded", early, clock.instant()))
                .expectStatus().isEqualTo(503);
    }

    @Test
    void aDeclinedCardFailsThePaymentAndTheSagaHearsItOnce() {
        String booking = newBooking();
        JsonNode created = create(booking, newId(), 2500, "EUR");
        String saga = created.path("subject").asString();
        String intentId = created.path("data").path("payment_intent_id").asString();

        StripeWebhooks.SignedWebhook failed = STRIPE.failedWebhook(intentId, WEBHOOK_SECRET, clock.instant());
        deliver(failed).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);
        deliver(failed).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("FAILED")
                .jsonPath("$.data.failure_reason").isEqualTo("Your card was declined.");

        // The saga then cancels the intent; Stripe's canceled webhook adds no second failure.
        JsonNode cancelled = command(EventTypes.CANCEL_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.CancelBookingPayment(s, booking, "payment failed", REPLIES));
        assertThat(cancelled.path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_CANCELLED);
        assertThat(STRIPE.paymentIntent(intentId).orElseThrow().path("status").asString()).isEqualTo("canceled");
        deliver(STRIPE.canceledWebhook(intentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk().expectBody()
                .jsonPath("$.data.handled").isEqualTo(false);

        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga).and(type(EventTypes.BOOKING_PAYMENT_FAILED)),
                2, QUIET);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).path("data").path("reason").asString()).isEqualTo("Your card was declined.");
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("CANCELLED");
        assertThat(escrow(booking)).isZero();
    }

    @Test
    void anIntentStripeCancelsOnItsOwnIsAFailureForTheSaga() {
        String booking = newBooking();
        JsonNode created = create(booking, newId(), 1500, "USD");
        String intentId = created.path("data").path("payment_intent_id").asString();
        // Stripe cancels an intent by itself (for instance one left unconfirmed too long).
        ObjectNode canceled = ((ObjectNode) STRIPE.paymentIntent(intentId).orElseThrow()).put("status", "canceled")
                .put("cancellation_reason", "automatic");

        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.canceled", canceled, clock.instant()))
                .expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);

        JsonNode failed = Records.awaitOne(REPLIES, Records.saga(created.path("subject").asString())
                .and(type(EventTypes.BOOKING_PAYMENT_FAILED)));
        assertThat(failed.path("data").path("reason").asString()).isEqualTo("The payment was cancelled (automatic)");
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("CANCELLED");
    }

    @Test
    void cancellingAnIntentTheStudentAlreadyPaidRecordsThePaymentAndSaysSucceeded() {
        String booking = newBooking();
        JsonNode created = create(booking, newId(), 3000, "USD");
        String intentId = created.path("data").path("payment_intent_id").asString();
        JsonNode paidAtStripe = STRIPE.succeed(intentId); // paid; its webhook is still on its way

        JsonNode reply = command(EventTypes.CANCEL_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.CancelBookingPayment(s, booking, "hold expired", REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_SUCCEEDED);
        assertThat(reply.path("data").path("amount_minor").asLong()).isEqualTo(3000);
        assertThat(escrow(booking)).isEqualTo(3000);
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "payment_intent.succeeded", paidAtStripe, clock.instant()))
                .expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);
        assertThat(escrow(booking)).isEqualTo(3000);

        // The saga refunds a payment whose hold expired.
        JsonNode refund = command(EventTypes.REFUND_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.RefundBookingPayment(s, booking, 3000, "paid after the hold expired", REPLIES));
        assertThat(refund.path("data").path("amount_minor").asLong()).isEqualTo(3000);
        deliver(STRIPE.refundedWebhook(intentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk();
        assertThat(escrow(booking)).isZero();
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("REFUNDED");
    }

    @Test
    void cancellingBeforePaymentCancelsTheIntentAndAnUnknownBookingIsCancelledToo() {
        String booking = newBooking();
        String intentId = create(booking, newId(), 2000, "USD").path("data").path("payment_intent_id").asString();

        JsonNode reply = command(EventTypes.CANCEL_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.CancelBookingPayment(s, booking, "hold expired", REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_CANCELLED);
        assertThat(reply.path("data").path("payment_intent_id").asString()).isEqualTo(intentId);
        assertThat(STRIPE.paymentIntent(intentId).orElseThrow().path("status").asString()).isEqualTo("canceled");
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("CANCELLED");
        assertThat(paymentEvents(booking, EventTypes.PAYMENT_CANCELLED, 2)).hasSize(1);

        String unknown = newBooking();
        JsonNode nothing = command(EventTypes.CANCEL_BOOKING_PAYMENT, unknown,
                s -> new PaymentCommands.CancelBookingPayment(s, unknown, "hold expired", REPLIES));
        assertThat(nothing.path("type").asString()).isEqualTo(EventTypes.BOOKING_PAYMENT_CANCELLED);
        assertThat(nothing.path("data").path("payment_intent_id").isNull()).isTrue();
    }

    @Test
    void aFullRefundLeavesTheEscrowOnlyWhenStripesWebhookConfirmsIt() {
        String booking = newBooking();
        String intentId = paid(booking, newId(), 5000, "USD");
        String saga = "saga-" + UUID.randomUUID();
        var refund = new PaymentCommands.RefundBookingPayment(saga, booking, 5000, "student cancelled", REPLIES);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(booking, TestEvents.cloudEvent(EventTypes.REFUND_BOOKING_PAYMENT, saga, refund)),
                Map.entry(booking, TestEvents.cloudEvent(EventTypes.REFUND_BOOKING_PAYMENT, saga, refund))));

        List<JsonNode> requested = Records.await(REPLIES, Records.saga(saga), 2, WAIT);
        assertThat(requested).hasSize(2);
        assertThat(requested.get(1).path("data")).isEqualTo(requested.get(0).path("data"));
        assertThat(requested.get(0).path("type").asString()).isEqualTo(EventTypes.BOOKING_REFUND_REQUESTED);
        String refundId = requested.get(0).path("data").path("refund_id").asString();
        assertThat(STRIPE.refundsOf(intentId)).singleElement()
                .satisfies(r -> assertThat(r.path("id").asString()).isEqualTo(refundId))
                .satisfies(r -> assertThat(r.path("amount").asLong()).isEqualTo(5000));
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("REFUND_PENDING");
        assertThat(escrow(booking)).isEqualTo(5000);

        StripeWebhooks.SignedWebhook refunded = STRIPE.refundedWebhook(intentId, WEBHOOK_SECRET, clock.instant());
        deliver(StripeWebhooks.signed("whsec_forged", "charge.refunded", STRIPE.charge(intentId), clock.instant()))
                .expectStatus().isBadRequest();
        deliver(refunded).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(true);
        deliver(refunded).expectStatus().isOk().expectBody().jsonPath("$.data.handled").isEqualTo(false);

        // Out of order: an older charge.refunded (less refunded so far) arrives after the newer one.
        ObjectNode older = ((ObjectNode) STRIPE.charge(intentId)).put("amount_refunded", 2000).put("refunded", false);
        deliver(StripeWebhooks.signed(WEBHOOK_SECRET, "charge.refunded", older, clock.instant())).expectStatus().isOk()
                .expectBody().jsonPath("$.data.handled").isEqualTo(false);

        assertThat(escrow(booking)).isZero();
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("REFUNDED").jsonPath("$.data.refunded").isEqualTo(50.0);
        JsonNode done = Records.awaitOne(REPLIES, Records.saga(saga).and(type(EventTypes.BOOKING_PAYMENT_REFUNDED)));
        assertThat(done.path("data").path("refund_id").asString()).isEqualTo(refundId);
        assertThat(done.path("data").path("amount_minor").asLong()).isEqualTo(5000);
        assertThat(done.path("data").path("refunded_total_minor").asLong()).isEqualTo(5000);
        assertThat(Records.await(REPLIES, Records.saga(saga).and(type(EventTypes.BOOKING_PAYMENT_REFUNDED)), 2,
                Duration.ofSeconds(3))).hasSize(1);

        // A second cancellation saga asking again gets the refund that exists; nothing more leaves.
        JsonNode again = command(EventTypes.REFUND_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.RefundBookingPayment(s, booking, 5000, "tutor cancelled", REPLIES));
        assertThat(again.path("data").path("refund_id").asString()).isEqualTo(refundId);
        assertThat(STRIPE.refundsOf(intentId)).hasSize(1);
        assertThat(clearingOf(booking)).isZero();
    }

    @Test
    void aPartialRefundPaysTheRestToTheTutorAtOnceLessCommission() {
        long tutor = newId();
        subscription(tutor, "professional", new BigDecimal("12.5"));
        awaitRate(tutor, "12.50");
        String booking = newBooking();
        String intentId = paid(booking, tutor, 10_001, "USD");

        JsonNode reply = command(EventTypes.REFUND_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.RefundBookingPayment(s, booking, 5000, "late cancel: half refunded", REPLIES));

        assertThat(reply.path("data").path("amount_minor").asLong()).isEqualTo(5000);
        assertThat(STRIPE.refundsOf(intentId)).singleElement()
                .satisfies(r -> assertThat(r.path("amount").asLong()).isEqualTo(5000));
        // 5001 released: 12.5 % = 625.125 -> 625 commission, 4376 to the tutor.
        JsonNode earning = Records.awaitOne(Topics.PAYMENTS, e -> booking.equals(e.path("subject").asString())
                && EventTypes.TUTOR_EARNING.equals(e.path("type").asString())).path("data");
        assertThat(earning.path("gross_minor").asLong()).isEqualTo(5001);
        assertThat(earning.path("commission_minor").asLong()).isEqualTo(625);
        assertThat(earning.path("net_minor").asLong()).isEqualTo(4376);
        assertThat(earning.path("commission_rate").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(escrow(booking)).isEqualTo(5000);

        deliver(STRIPE.refundedWebhook(intentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk();

        assertThat(escrow(booking)).isZero();
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("PARTIALLY_REFUNDED")
                .jsonPath("$.data.refunded").isEqualTo(50.0).jsonPath("$.data.released").isEqualTo(50.01)
                .jsonPath("$.data.commission").isEqualTo(6.25);
        get("/api/marketplace/tutor/wallet/earnings", TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.balances[0].currency").isEqualTo("USD")
                .jsonPath("$.data.balances[0].balance").isEqualTo(43.76)
                .jsonPath("$.data.earnings.length()").isEqualTo(1)
                .jsonPath("$.data.earnings[0].booking_id").isEqualTo(booking)
                .jsonPath("$.data.earnings[0].gross").isEqualTo(50.01)
                .jsonPath("$.data.earnings[0].commission").isEqualTo(6.25)
                .jsonPath("$.data.earnings[0].net").isEqualTo(43.76)
                .jsonPath("$.data.earnings[0].payment_status").isEqualTo("PARTIALLY_REFUNDED")
                .jsonPath("$.data.pagination.total").isEqualTo(1);
        assertThat(commissionOf(booking)).isEqualTo(625);
    }

    @Test
    void aRefundOfNothingReleasesEverythingWithoutCallingStripe() {
        long tutor = newId();
        String booking = newBooking();
        String intentId = paid(booking, tutor, 999, "NGN");

        JsonNode reply = command(EventTypes.REFUND_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.RefundBookingPayment(s, booking, 0, "late cancel: no refund", REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.BOOKING_REFUND_REQUESTED);
        assertThat(reply.path("data").path("amount_minor").asLong()).isZero();
        assertThat(reply.path("data").path("refund_id").isNull()).isTrue();
        assertThat(STRIPE.refundsOf(intentId)).isEmpty();
        // Nobody's plan is known: the free tier's 10 % (99.9 -> 100).
        bookingPayment(booking).jsonPath("$.data.status").isEqualTo("RELEASED")
                .jsonPath("$.data.commission").isEqualTo(1.0).jsonPath("$.data.commission_rate").isEqualTo(10.0);
        assertThat(escrow(booking)).isZero();
        earningsBalance(tutor, 8.99);

        // Nothing is left to refund afterwards, nor for a booking never paid.
        JsonNode later = command(EventTypes.REFUND_BOOKING_PAYMENT, booking,
                s -> new PaymentCommands.RefundBookingPayment(s, booking, 999, "tutor cancelled", REPLIES));
        assertThat(later.path("data").path("amount_minor").asLong()).isZero();
        String unpaid = newBooking();
        create(unpaid, tutor, 500, "NGN");
        JsonNode none = command(EventTypes.REFUND_BOOKING_PAYMENT, unpaid,
                s -> new PaymentCommands.RefundBookingPayment(s, unpaid, 500, "cancelled", REPLIES));
        assertThat(none.path("data").path("amount_minor").asLong()).isZero();
    }

    @Test
    void aCompletedSessionPaysEachBookedStudentsPaymentToTheTutorOnce() {
        long tutor = newId();
        subscription(tutor, "expert", new BigDecimal("15"));
        awaitRate(tutor, "15.00");
        String first = newBooking();
        String second = newBooking();
        String cancelled = newBooking();
        paid(first, tutor, 4000, "USD");
        paid(second, tutor, 4000, "USD");
        paid(cancelled, tutor, 4000, "USD");
        String session = "ts-" + UUID.randomUUID();
        TeachingSessionEvent completed = session(session, tutor, "COMPLETED", null, List.of(
                participant(first, "BOOKED"), participant(second, "BOOKED"), participant(cancelled, "CANCELLED")));

        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.TEACHING_SESSIONS, List.of(
                Map.entry(session, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, session, completed)),
                Map.entry(session, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, session, completed))));

        await().atMost(WAIT).untilAsserted(() -> earningsBalance(tutor, 68.0));
        bookingPayment(first).jsonPath("$.data.status").isEqualTo("RELEASED")
                .jsonPath("$.data.teaching_session_id").isEqualTo(session)
                .jsonPath("$.data.commission").isEqualTo(6.0);
        bookingPayment(cancelled).jsonPath("$.data.status").isEqualTo("SUCCEEDED");
        assertThat(escrow(first)).isZero();
        assertThat(escrow(cancelled)).isEqualTo(4000);
        assertThat(Records.await(Topics.PAYMENTS, e -> EventTypes.TUTOR_EARNING.equals(e.path("type").asString())
                && session.equals(e.path("data").path("teaching_session_id").asString()), 3, QUIET))
                .hasSize(2);
        get("/api/marketplace/tutor/wallet/earnings", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.earnings.length()").isEqualTo(2);
        get("/api/marketplace/tutor/wallet/earnings", TestJwt.tutor(newId())).expectBody()
                .jsonPath("$.data.earnings.length()").isEqualTo(0).jsonPath("$.data.balances.length()").isEqualTo(0);
    }

    @Test
    void aSessionTheStudentsMissedStillPaysTheTutorButOneTheTutorMissedPaysNothing() {
        long tutor = newId();
        String missedByStudents = newBooking();
        String missedByTutor = newBooking();
        paid(missedByStudents, tutor, 2000, "USD");
        paid(missedByTutor, tutor, 2000, "USD");
        String s1 = "ts-" + UUID.randomUUID();
        String s2 = "ts-" + UUID.randomUUID();

        TopicProbe.send(Topics.TEACHING_SESSIONS, s2, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_NO_SHOW, s2,
                session(s2, tutor, "NO_SHOW", "TUTOR", List.of(participant(missedByTutor, "BOOKED")))));
        TopicProbe.send(Topics.TEACHING_SESSIONS, s1, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_NO_SHOW, s1,
                session(s1, tutor, "NO_SHOW", "STUDENTS", List.of(participant(missedByStudents, "BOOKED")))));
        // Another tutor's session naming this booking pays nobody.
        String s3 = "ts-" + UUID.randomUUID();
        TopicProbe.send(Topics.TEACHING_SESSIONS, s3, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, s3,
                session(s3, newId(), "COMPLETED", null, List.of(participant(missedByTutor, "BOOKED")))));

        await().atMost(WAIT).untilAsserted(() -> bookingPayment(missedByStudents).jsonPath("$.data.status")
                .isEqualTo("RELEASED"));
        earningsBalance(tutor, 18.0);
        bookingPayment(missedByTutor).jsonPath("$.data.status").isEqualTo("SUCCEEDED");
    }

    @Test
    void theAdminLookupAnswers404ForAnUnknownBookingAndNeedsAnAdmin() {
        get("/api/admin/wallet/booking-payments/" + newBooking(), TestJwt.token(newId(), "admin"))
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Booking payment not found");
        get("/api/admin/wallet/booking-payments/x", TestJwt.tutor(newId())).expectStatus().isForbidden();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String newBooking() {
        return UUID.randomUUID().toString();
    }

    private JsonNode create(String booking, long tutor, long amountMinor, String currency) {
        return command(EventTypes.CREATE_BOOKING_PAYMENT, booking, s -> new PaymentCommands.CreateBookingPayment(s,
                booking, newId(), tutor, newId(), amountMinor, currency, null, Instant.now().plusSeconds(900), REPLIES));
    }

    /** A booking paid the whole way: intent, card payment, signed webhook. Returns the PaymentIntent id. */
    private String paid(String booking, long tutor, long amountMinor, String currency) {
        String intentId = create(booking, tutor, amountMinor, currency).path("data").path("payment_intent_id").asString();
        deliver(STRIPE.succeededWebhook(intentId, WEBHOOK_SECRET, clock.instant())).expectStatus().isOk()
                .expectBody().jsonPath("$.data.handled").isEqualTo(true);
        return intentId;
    }

    private JsonNode declined(String intentId) {
        return ((ObjectNode) STRIPE.paymentIntent(intentId).orElseThrow()).put("status", "requires_payment_method");
    }

    /** Sends the command on a fresh saga (keyed by booking, as the booking saga does) and returns its first reply. */
    private JsonNode command(String type, String booking, Function<String, Object> command) {
        String saga = "saga-" + UUID.randomUUID();
        TopicProbe.send(Topics.WALLET_COMMANDS, booking, TestEvents.cloudEvent(type, saga, command.apply(saga)));
        return Records.awaitOne(REPLIES, Records.saga(saga));
    }

    private static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asString());
    }

    private List<JsonNode> paymentEvents(String booking, String type, int atMost) {
        return Records.await(Topics.PAYMENTS, e -> booking.equals(e.path("subject").asString())
                && type.equals(e.path("type").asString()), atMost, QUIET);
    }

    private BodyContentSpec bookingPayment(String booking) {
        return get("/api/admin/wallet/booking-payments/" + booking, TestJwt.token(newId(), "admin"))
                .expectStatus().isOk().expectBody();
    }

    private void earningsBalance(long tutor, double expected) {
        get("/api/marketplace/tutor/wallet/earnings", TestJwt.tutor(tutor)).expectStatus().isOk().expectBody()
                .jsonPath("$.data.balances[0].balance").isEqualTo(expected);
    }

    private long escrow(String booking) {
        return ledgerSum(booking, "booking_escrow");
    }

    private long commissionOf(String booking) {
        return ledgerSum(booking, "platform_commission");
    }

    private long clearingOf(String booking) {
        return ledgerSum(booking, "stripe_clearing");
    }

    /** What the ledger moved into an account for this booking (its transactions are referenced by booking id). */
    private long ledgerSum(String booking, String code) {
        return db.sql("""
                        SELECT COALESCE(sum(e.amount), 0)::bigint AS total FROM ledger_entry e
                        JOIN ledger_transaction t ON t.id = e.transaction_id JOIN account a ON a.id = e.account_id
                        WHERE a.code = :code AND t.reference IN ('BOOKING-PAY-' || :b, 'BOOKING-REFUND-' || :b,
                                                                 'BOOKING-RELEASE-' || :b)""")
                .bind("code", code).bind("b", booking)
                .map((row, meta) -> row.get("total", Long.class)).one().block();
    }

    private static void subscription(long tutor, String tier, BigDecimal commissionRate) {
        SubscriptionEvent data = new SubscriptionEvent(tutor, tutor, tier, null, "active", Instant.now(), null, false,
                commissionRate);
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor),
                TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHANGED, Long.toString(tutor), data));
    }

    private void awaitRate(long tutor, String rate) {
        await().atMost(WAIT).until(() -> rate.equals(db.sql(
                        "SELECT commission_rate::text AS r FROM tutor_plan WHERE tutor_id = :t").bind("t", tutor)
                .map((row, meta) -> row.get("r", String.class)).one().blockOptional().orElse(null)));
    }

    private static TeachingSessionEvent session(String id, long tutor, String status, String noShow,
                                                List<TeachingSessionEvent.Participant> participants) {
        Instant start = Instant.now().minusSeconds(3600);
        return new TeachingSessionEvent(id, 1, tutor, "GROUP", status, start, start.plusSeconds(3600), "Algebra",
                "ch-" + id, participants, noShow, null, null, Instant.now());
    }

    private static TeachingSessionEvent.Participant participant(String booking, String status) {
        return new TeachingSessionEvent.Participant("p-" + booking, booking, 1, status, 1800);
    }
}
