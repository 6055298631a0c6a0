package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PaymentCommands.CancelBookingPayment;
import io.coachwork.contracts.payment.PaymentCommands.CreateBookingPayment;
import io.coachwork.contracts.payment.PaymentCommands.RefundBookingPayment;
import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.contracts.teaching.TeachingCommands.AddTeachingParticipant;
import io.coachwork.contracts.teaching.TeachingCommands.CancelTeachingSession;
import io.coachwork.contracts.teaching.TeachingCommands.RemoveTeachingParticipant;
import io.coachwork.contracts.teaching.TeachingReplies;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.saga.SagaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The booking saga as scripts, one per path: "this command goes out, this reply comes back".
 * Wallet-service and session-service are played over the real broker; replies are delivered twice
 * where a repeat could do harm.
 */
class BookingSagaScriptTest extends BookingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private long tutor;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = tutor();
    }

    /** The booking's view as its student reads it. */
    private JsonNode view(long student, UUID booking) {
        return json(get("/api/teaching/bookings/" + booking, TestJwt.student(student)).expectStatus().isOk()).get("data");
    }

    private void awaitStatus(UUID booking, String status, String payment) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(booking)).isEqualTo(status);
            assertThat(paymentStatus(booking)).isEqualTo(payment);
        });
    }

    /** Paid and confirmed by session-service: the whole happy path. */
    private Pending confirmed(long student, long slot, SagaScript wallet) {
        Pending p = pending(student, slot, wallet);
        paid(wallet, p);
        session().expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_ADDED, c -> new TeachingReplies.TeachingParticipantAdded(
                        c.sagaId(), c.sessionId(), c.bookingId(), "part-" + c.bookingId(), "channel", 1))
                .expectState("completed", BookingSaga.ADD_PARTICIPANT);
        awaitStatus(p.bookingId(), "CONFIRMED", "SUCCEEDED");
        return p;
    }

    @Test
    void paymentCreatedThenPaidThenParticipantAddedConfirmsTheBooking() {
        long slot = oneToOne(tutor);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = pending(student, slot, wallet);
        assertThat(p.command().amountMinor()).isEqualTo(6000);
        assertThat(p.command().currency()).isEqualTo("USD");
        assertThat(p.command().replyTopic()).isEqualTo(Topics.SCHEDULING_SAGA_REPLIES);
        wallet.expectState("idle", BookingSaga.PAY);
        assertThat(p.view().get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(p.view().get("client_secret").asString()).isEqualTo("secret_" + p.id());
        assertThat(p.view().get("payment_intent_id").asString()).isEqualTo("pi_" + p.id());
        assertThat(p.view().get("price").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(p.view().get("currency").asString()).isEqualTo("USD");
        assertThat(p.view().get("local_starts_at").asString()).isEqualTo("2031-03-05T10:00:00");
        assertThat(p.view().get("starts_at").asString()).isEqualTo("2031-03-05T09:00:00.000Z");
        assertThat(p.view().get("hold_expires_at").asString()).isEqualTo("2031-03-03T08:15:00.000Z");
        String sessionId = p.view().get("teaching_session_id").asString();
        assertThat(bookedCount(slot)).isEqualTo(1);

        // Stripe's webhook delivered twice: one participant command.
        paid(wallet, p);
        paid(wallet, p);
        SagaScript session = session();
        session.expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        c -> c.bookingId().equals(p.id()) && c.sessionId().equals(sessionId) && c.studentId() == student
                                && c.sessionType().equals("ONE_TO_ONE") && c.maxParticipants() == 1)
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_ADDED, c -> new TeachingReplies.TeachingParticipantAdded(
                        c.sagaId(), c.sessionId(), c.bookingId(), "part-1", "channel", 1));
        session.reply(EventTypes.TEACHING_PARTICIPANT_ADDED, new TeachingReplies.TeachingParticipantAdded(
                session.sagaId(), sessionId, p.id(), "part-1", "channel", 1));
        session.expectState("completed", BookingSaga.ADD_PARTICIPANT);
        awaitStatus(p.bookingId(), "CONFIRMED", "SUCCEEDED");
        assertThat(session.commandsSent(EventTypes.ADD_TEACHING_PARTICIPANT)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.BOOKING_HELD, p.id())).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.BOOKING_CONFIRMED, p.id())).isEqualTo(1);

        // A failure reported after the success (out of order) changes nothing.
        wallet.reply(EventTypes.BOOKING_PAYMENT_FAILED, new PaymentReplies.BookingPaymentFailed(wallet.sagaId(), p.id(),
                "pi_" + p.id(), "card_declined"));
        JsonNode mine = json(get("/api/teaching/sessions/my", TestJwt.student(student)).expectStatus().isOk());
        assertThat(mine.at("/data/bookings/0/id").asString()).isEqualTo(p.id());
        assertThat(mine.at("/data/bookings/0/client_secret").isNull()).isTrue();
        assertThat(mine.at("/data/bookings/0/receipt/paid").asBoolean()).isTrue();
        assertThat(mine.at("/data/bookings/0/receipt/refund_state").asString()).isEqualTo("NONE");
        JsonNode theirs = json(get("/api/teaching/sessions/instructor", TestJwt.tutor(tutor)).expectStatus().isOk());
        assertThat(theirs.at("/data/bookings/0/id").asString()).isEqualTo(p.id());
        assertThat(theirs.at("/data/pagination/total").asLong()).isEqualTo(1);
        assertThat(status(p.bookingId())).isEqualTo("CONFIRMED");
        assertThat(outboxEvents(EventTypes.BOOKING_PAYMENT_FAILED_EVENT, p.id())).isZero();
        get("/api/teaching/bookings/" + p.id(), TestJwt.student(newUser())).expectStatus().isForbidden();
    }

    @Test
    void aRefusedPaymentFreesTheSeatAndAnswersWithTheReason() {
        long slot = oneToOne(tutor);
        long student = newUser();
        CompletableFuture<Answer> answer = bookInBackground(student, "{\"slot_id\": " + slot + "}");
        SagaScript wallet = wallet();
        wallet.expectCommand(EventTypes.CREATE_BOOKING_PAYMENT, CreateBookingPayment.class, c -> c.studentId() == student)
                .andGivenReply(EventTypes.BOOKING_PAYMENT_REFUSED, c -> new PaymentReplies.BookingPaymentRefused(
                        c.sagaId(), c.bookingId(), "Payments are not configured"))
                .expectState("failed", BookingSaga.PAY);
        Answer done = answered(answer);
        assertThat(done.status()).isEqualTo(503);
        assertThat(done.body().get("message").asString()).contains("Payments are not configured");
        assertThat(bookedCount(slot)).isZero();
        assertThat(count("SELECT count(*) FROM booking WHERE slot_id = $1 AND status = 'REFUSED'", slot)).isEqualTo(1);
    }

    @Test
    void aFailedPaymentFreesTheSeatAndCancelsTheIntent() {
        long slot = oneToOne(tutor);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = pending(student, slot, wallet);
        PaymentReplies.BookingPaymentFailed failed = new PaymentReplies.BookingPaymentFailed(wallet.sagaId(), p.id(),
                "pi_" + p.id(), "Your card was declined");
        wallet.reply(EventTypes.BOOKING_PAYMENT_FAILED, failed);
        wallet.reply(EventTypes.BOOKING_PAYMENT_FAILED, failed);
        wallet.expectCommand(EventTypes.CANCEL_BOOKING_PAYMENT, CancelBookingPayment.class, c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.BOOKING_PAYMENT_CANCELLED, c -> new PaymentReplies.BookingPaymentCancelled(
                        c.sagaId(), c.bookingId(), "pi_" + c.bookingId()))
                .expectState("completed", BookingSaga.CANCEL_PAYMENT);
        awaitStatus(p.bookingId(), "PAYMENT_FAILED", "FAILED");
        assertThat(bookedCount(slot)).isZero();
        assertThat(wallet.commandsSent(EventTypes.CANCEL_BOOKING_PAYMENT)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.BOOKING_PAYMENT_FAILED_EVENT, p.id())).isEqualTo(1);
    }

    @Test
    void anExpiredHoldFreesTheSeatAndAPaymentAfterItIsRefundedInFull() {
        long slot = oneToOne(tutor);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = pending(student, slot, wallet);
        clock.set(NOW.plus(Duration.ofMinutes(16)));
        cron("hold-expiry");
        cron("hold-expiry");
        awaitStatus(p.bookingId(), "EXPIRED", "REQUIRES_PAYMENT");
        assertThat(bookedCount(slot)).isZero();
        // The student had paid meanwhile: the wallet answers the cancel with the success.
        wallet.expectCommand(EventTypes.CANCEL_BOOKING_PAYMENT, CancelBookingPayment.class, c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.BOOKING_PAYMENT_SUCCEEDED, c -> new PaymentReplies.BookingPaymentSucceeded(
                        c.sagaId(), c.bookingId(), "pi_" + c.bookingId(), 6000, "USD"));
        paid(wallet, p);
        wallet.expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                        c -> c.bookingId().equals(p.id()) && c.amountMinor() == 6000)
                .andGivenReply(EventTypes.BOOKING_REFUND_REQUESTED, c -> new PaymentReplies.BookingRefundRequested(
                        c.sagaId(), c.bookingId(), "re_1", c.amountMinor(), "USD"))
                .expectState("completed", BookingSaga.REFUND);
        awaitStatus(p.bookingId(), "EXPIRED", "REFUND_PENDING");
        wallet.reply(EventTypes.BOOKING_PAYMENT_REFUNDED, new PaymentReplies.BookingPaymentRefunded(wallet.sagaId(), p.id(),
                "re_1", 6000, "USD", 6000));
        awaitStatus(p.bookingId(), "EXPIRED", "REFUNDED");
        assertThat(wallet.commandsSent(EventTypes.REFUND_BOOKING_PAYMENT)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.BOOKING_EXPIRED, p.id())).as("expired, then why the money comes back").isEqualTo(2);
        assertThat(outboxEvents(EventTypes.BOOKING_REFUNDED, p.id())).isEqualTo(1);
        JsonNode view = view(student, p.bookingId());
        assertThat(view.get("reason").asString()).isEqualTo(BookingPayments.PAID_AFTER_HOLD);
        assertThat(view.at("/receipt/refund_state").asString()).isEqualTo("REFUNDED");
        assertThat(view.at("/receipt/refunded_amount").decimalValue()).isEqualByComparingTo("60.00");
    }

    @Test
    void aRefusedParticipantIsRefundedInFull() {
        long slot = oneToOne(tutor);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = pending(student, slot, wallet);
        paid(wallet, p);
        session().expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_REFUSED, c -> new TeachingReplies.TeachingParticipantRefused(
                        c.sagaId(), c.sessionId(), c.bookingId(), "The session was cancelled"));
        wallet.expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                        c -> c.bookingId().equals(p.id()) && c.amountMinor() == 6000)
                .andGivenReply(EventTypes.BOOKING_REFUND_REQUESTED, c -> new PaymentReplies.BookingRefundRequested(
                        c.sagaId(), c.bookingId(), "re_2", 6000, "USD"))
                .expectState("completed", BookingSaga.REFUND);
        awaitStatus(p.bookingId(), "REFUSED", "REFUND_PENDING");
        assertThat(bookedCount(slot)).isZero();
        assertThat(view(student, p.bookingId()).get("reason").asString()).isEqualTo("The session was cancelled");
    }

    @Test
    void aStudentCancelRemovesTheParticipantRefundsAndReopensTheSeat() {
        long slot = oneToOne(tutor);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = confirmed(student, slot, wallet);
        call(HttpMethod.PATCH, "/api/teaching/sessions/" + p.view().get("teaching_session_id").asString() + "/cancel",
                TestJwt.student(student), "{\"reason\": \"Exam moved\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("CANCELLED")
                .jsonPath("$.data.cancelled_by").isEqualTo("STUDENT");
        assertThat(bookedCount(slot)).isZero();
        session().expectCommand(EventTypes.REMOVE_TEACHING_PARTICIPANT, RemoveTeachingParticipant.class,
                        c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_REMOVED, c -> new TeachingReplies.TeachingParticipantRemoved(
                        c.sagaId(), c.sessionId(), c.bookingId(), 0));
        wallet.expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                        c -> c.bookingId().equals(p.id()) && c.amountMinor() == 6000)
                .andGivenReply(EventTypes.BOOKING_REFUND_REQUESTED, c -> new PaymentReplies.BookingRefundRequested(
                        c.sagaId(), c.bookingId(), "re_3", 6000, "USD"))
                .expectState("completed", BookingSaga.REFUND);
        awaitStatus(p.bookingId(), "CANCELLED", "REFUND_PENDING");
        PaymentReplies.BookingPaymentRefunded refunded = new PaymentReplies.BookingPaymentRefunded(wallet.sagaId(), p.id(),
                "re_3", 6000, "USD", 6000);
        wallet.reply(EventTypes.BOOKING_PAYMENT_REFUNDED, refunded);
        wallet.reply(EventTypes.BOOKING_PAYMENT_REFUNDED, refunded);
        awaitStatus(p.bookingId(), "CANCELLED", "REFUNDED");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(outboxEvents(EventTypes.BOOKING_REFUNDED, p.id())).isEqualTo(1));
        // The seat is bookable again.
        SagaScript again = wallet();
        assertThat(pending(newUser(), slot, again).view().get("status").asString()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void aLateStudentCancelUnderTheTwentyFourHourPolicyRefundsTheTutorsShare() {
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(tutor),
                "{\"cancellation_policy\": \"24_hours\", \"late_cancel_refund_percent\": 25}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.cancellation_policy").isEqualTo("24_hours")
                .jsonPath("$.data.late_cancel_refund_percent").isEqualTo(25);
        long slot = slot(tutor, "2031-03-03", "18:00", "19:00", 60, "ONE_TO_ONE", 1);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = confirmed(student, slot, wallet);
        call(HttpMethod.PATCH, "/api/teaching/sessions/" + p.id() + "/cancel", TestJwt.student(student), null)
                .expectStatus().isOk().expectBody().jsonPath("$.data.receipt.refund_amount").isEqualTo(15.0);
        session().expectCommand(EventTypes.REMOVE_TEACHING_PARTICIPANT, RemoveTeachingParticipant.class,
                        c -> c.bookingId().equals(p.id()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_REMOVED, c -> new TeachingReplies.TeachingParticipantRemoved(
                        c.sagaId(), c.sessionId(), c.bookingId(), 0));
        wallet.expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                c -> c.bookingId().equals(p.id()) && c.amountMinor() == 1500);
    }

    @Test
    void aTutorCancelRefundsEveryPaidSeatAndCancelsUnpaidHolds() {
        long slot = slot(tutor, "2031-03-06", "15:00", "16:00", 60, "GROUP", 3);
        long first = newUser();
        long second = newUser();
        long third = newUser();
        SagaScript firstWallet = wallet();
        Pending a = confirmed(first, slot, firstWallet);
        SagaScript secondWallet = wallet();
        Pending b = confirmed(second, slot, secondWallet);
        SagaScript thirdWallet = wallet();
        Pending c = pending(third, slot, thirdWallet);
        String sessionId = a.view().get("teaching_session_id").asString();
        assertThat(b.view().get("teaching_session_id").asString()).isEqualTo(sessionId);

        CompletableFuture<Answer> cancel = CompletableFuture.supplyAsync(() -> answer(send(HttpMethod.PATCH,
                "/api/teaching/sessions/" + sessionId + "/cancel", TestJwt.tutor(tutor), "{\"reason\": \"Ill\"}")));
        SagaScript session = session();
        session.expectCommand(EventTypes.CANCEL_TEACHING_SESSION, CancelTeachingSession.class,
                        cmd -> cmd.sessionId().equals(sessionId) && cmd.tutorId() == tutor)
                .andGivenReply(EventTypes.TEACHING_SESSION_CANCEL_DONE, cmd -> new TeachingReplies.TeachingSessionCancelled(
                        cmd.sagaId(), cmd.sessionId(), List.of(a.id(), b.id())))
                .expectState("completed", SessionCancelSaga.CANCEL_SESSION);
        Answer done = answered(cancel);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().at("/data/status").asString()).isEqualTo("CANCELLED");
        assertThat(done.body().at("/data/bookings").size()).isEqualTo(3);

        for (var paid : List.of(List.of(a, firstWallet), List.of(b, secondWallet))) {
            Pending p = (Pending) paid.get(0);
            ((SagaScript) paid.get(1)).expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                    r -> r.bookingId().equals(p.id()) && r.amountMinor() == 6000);
            assertThat(status(p.bookingId())).isEqualTo("CANCELLED");
        }
        thirdWallet.expectCommand(EventTypes.CANCEL_BOOKING_PAYMENT, CancelBookingPayment.class,
                r -> r.bookingId().equals(c.id()));
        assertThat(status(c.bookingId())).isEqualTo("CANCELLED");
        assertThat(bookedCount(slot)).as("a cancelled session offers no seat").isEqualTo(3);
        call(HttpMethod.POST, BOOK, TestJwt.student(newUser()), "{\"slot_id\": " + slot + "}")
                .expectStatus().isEqualTo(409);
    }

    @Test
    void aTutorNoShowRefundsEveryBookedStudentOnce() {
        long slot = slot(tutor, "2031-03-07", "15:00", "16:00", 60, "GROUP", 2);
        long student = newUser();
        SagaScript wallet = wallet();
        Pending p = confirmed(student, slot, wallet);
        String sessionId = p.view().get("teaching_session_id").asString();
        clock.set(Instant.parse("2031-03-07T14:20:00Z"));
        TeachingSessionEvent noShow = new TeachingSessionEvent(sessionId, slot, tutor, "GROUP", "NO_SHOW",
                Instant.parse("2031-03-07T14:00:00Z"), Instant.parse("2031-03-07T15:00:00Z"), "Chess", "ch",
                List.of(new TeachingSessionEvent.Participant("part", p.id(), student, "BOOKED", 0)), "TUTOR", null,
                null, Instant.parse("2031-03-07T14:15:00Z"));
        String event = TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_NO_SHOW, sessionId, noShow);
        TopicProbe.send(Topics.TEACHING_SESSIONS, sessionId, event);
        TopicProbe.send(Topics.TEACHING_SESSIONS, sessionId, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_NO_SHOW,
                sessionId, noShow));
        wallet.expectCommand(EventTypes.REFUND_BOOKING_PAYMENT, RefundBookingPayment.class,
                        r -> r.bookingId().equals(p.id()) && r.amountMinor() == 6000)
                .andGivenReply(EventTypes.BOOKING_REFUND_REQUESTED, r -> new PaymentReplies.BookingRefundRequested(
                        r.sagaId(), r.bookingId(), "re_4", 6000, "USD"))
                .expectState("completed", BookingSaga.REFUND);
        awaitStatus(p.bookingId(), "CANCELLED", "REFUND_PENDING");
        assertThat(wallet.commandsSent(EventTypes.REFUND_BOOKING_PAYMENT)).isEqualTo(1);
        assertThat(view(student, p.bookingId()).get("cancelled_by").asString()).isEqualTo("SYSTEM");
    }

    @Test
    void aWalletThatNeverAnswersLetsTheHoldExpireAtTheStepsTimeoutAndCancelsTheIntent() {
        long slot = oneToOne(tutor);
        long student = newUser();
        CompletableFuture<Answer> answer = bookInBackground(student, "{\"slot_id\": " + slot + "}");
        SagaScript wallet = wallet();
        wallet.expectCommand(EventTypes.CREATE_BOOKING_PAYMENT, CreateBookingPayment.class, c -> c.studentId() == student)
                .andNoReply().expectState("awaiting", BookingSaga.PAY);
        assertThat(answered(answer).status()).as("held, the payment still being prepared").isEqualTo(202);
        UUID booking = UUID.fromString(text("SELECT id::text FROM booking WHERE slot_id = $1", slot));
        clock.set(NOW.plus(Duration.ofMinutes(15)));
        cron("saga-resend");
        wallet.expectCommand(EventTypes.CANCEL_BOOKING_PAYMENT, CancelBookingPayment.class,
                        c -> c.bookingId().equals(booking.toString()))
                .andGivenReply(EventTypes.BOOKING_PAYMENT_CANCELLED, c -> new PaymentReplies.BookingPaymentCancelled(
                        c.sagaId(), c.bookingId(), null))
                .expectState("failed", BookingSaga.CANCEL_PAYMENT);
        awaitStatus(booking, "EXPIRED", "CANCELLED");
        assertThat(bookedCount(slot)).isZero();
        assertThat(view(student, booking).get("reason").asString()).isEqualTo(BookingSaga.PAYMENT_NOT_STARTED);
    }

    @Test
    void aTutorCancelRefusedBySessionServiceLeavesTheBookingsAndReopensTheSlot() {
        long slot = slot(tutor, "2031-03-06", "15:00", "16:00", 60, "GROUP", 3);
        long student = newUser();
        Pending p = confirmed(student, slot, wallet());
        String sessionId = p.view().get("teaching_session_id").asString();
        CompletableFuture<Answer> cancel = CompletableFuture.supplyAsync(() -> answer(send(HttpMethod.PATCH,
                "/api/teaching/sessions/" + sessionId + "/cancel", TestJwt.tutor(tutor), null)));
        session().expectCommand(EventTypes.CANCEL_TEACHING_SESSION, CancelTeachingSession.class,
                        cmd -> cmd.sessionId().equals(sessionId))
                .andGivenReply(EventTypes.TEACHING_CANCEL_REFUSED, cmd -> new TeachingReplies.TeachingCancelRefused(
                        cmd.sagaId(), cmd.sessionId(), "IN_PROGRESS", "The session has started"))
                .expectState("failed", SessionCancelSaga.CANCEL_SESSION);
        Answer done = answered(cancel);
        assertThat(done.status()).isEqualTo(409);
        assertThat(done.body().get("message").asString()).isEqualTo("The session has started");
        assertThat(status(p.bookingId())).isEqualTo("CONFIRMED");
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE id = $1 AND cancelled_at IS NULL", slot)).isEqualTo(1);
        assertThat(pending(newUser(), slot, wallet()).view().get("status").asString()).isEqualTo("PENDING_PAYMENT");
    }
}
