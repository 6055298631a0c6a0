package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageCommands.ConsumePackageCredit;
import io.coachwork.contracts.payment.PackageCommands.ReturnPackageCredit;
import io.coachwork.contracts.payment.PackageEvent;
import io.coachwork.contracts.payment.PackageReplies;
import io.coachwork.contracts.teaching.TeachingCommands.AddTeachingParticipant;
import io.coachwork.contracts.teaching.TeachingCommands.CancelTeachingSession;
import io.coachwork.contracts.teaching.TeachingCommands.RemoveTeachingParticipant;
import io.coachwork.contracts.teaching.TeachingReplies;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The booking saga's package path as scripts: a credit instead of a card ("consume-credit goes out,
 * credit-consumed comes back"), the refusals, and a cancel that gives the credit back. Wallet-service
 * and session-service are played over the real broker.
 */
class PackageBookingSagaScriptTest extends BookingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private long tutor;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = tutor();
    }

    @Test
    void aStudentBooksWithACreditAndCancellingGivesItBack() {
        long student = newUser();
        UUID purchase = announcePurchase(student, tutor, 60, 5);
        long slot = oneToOne(tutor);

        CompletableFuture<Answer> answer = bookInBackground(student,
                "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"" + purchase + "\"}");
        SagaScript wallet = wallet();
        SagaScript.Expected<ConsumePackageCredit> consume = wallet.expectCommand(EventTypes.CONSUME_PACKAGE_CREDIT,
                ConsumePackageCredit.class, c -> c.purchaseId().equals(purchase.toString()));
        ConsumePackageCredit c = consume.command();
        assertThat(c.studentId()).isEqualTo(student);
        assertThat(c.tutorId()).isEqualTo(tutor);
        assertThat(c.durationMinutes()).isEqualTo(60);
        assertThat(c.startsAt()).isEqualTo(Instant.parse("2031-03-05T09:00:00Z"));
        assertThat(c.replyTopic()).isEqualTo(Topics.SCHEDULING_SAGA_REPLIES);
        // The credit's reply delivered twice: one participant command.
        PackageReplies.PackageCreditConsumed consumed = new PackageReplies.PackageCreditConsumed(c.sagaId(),
                c.purchaseId(), c.bookingId(), 5, 1, 4, NOW.plus(Duration.ofDays(30)));
        wallet.reply(EventTypes.PACKAGE_CREDIT_CONSUMED, consumed);
        wallet.reply(EventTypes.PACKAGE_CREDIT_CONSUMED, consumed);
        SagaScript session = session();
        session.expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        a -> a.bookingId().equals(c.bookingId()) && a.studentId() == student)
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_ADDED, a -> new TeachingReplies.TeachingParticipantAdded(
                        a.sagaId(), a.sessionId(), a.bookingId(), "part-" + a.bookingId(), "channel", 1))
                .expectState("completed", BookingSaga.ADD_PARTICIPANT);
        Answer booked = answered(answer);
        assertThat(booked.status()).as(String.valueOf(booked.body())).isEqualTo(201);
        assertThat(booked.body().at("/data/status").asString()).isEqualTo("CONFIRMED");
        assertThat(booked.body().at("/data/payment_status").asString()).isEqualTo("PACKAGE_CREDIT");
        assertThat(booked.body().at("/data/price").decimalValue()).isZero();
        assertThat(booked.body().at("/data/client_secret").isNull()).isTrue();
        assertThat(session.commandsSent(EventTypes.ADD_TEACHING_PARTICIPANT)).isEqualTo(1);
        assertThat(wallet.commandsSent(EventTypes.CREATE_BOOKING_PAYMENT)).isZero();
        UUID booking = UUID.fromString(c.bookingId());
        assertThat(bookedCount(slot)).isEqualTo(1);

        // A cancel (late or not) removes the participant, then gives the credit back: no card refund.
        call(HttpMethod.PATCH, "/api/teaching/sessions/" + booking + "/cancel", TestJwt.student(student), null)
                .expectStatus().isOk();
        session.expectCommand(EventTypes.REMOVE_TEACHING_PARTICIPANT, RemoveTeachingParticipant.class,
                        r -> r.bookingId().equals(c.bookingId()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_REMOVED, r -> new TeachingReplies.TeachingParticipantRemoved(
                        r.sagaId(), r.sessionId(), r.bookingId(), 0));
        SagaScript.Expected<ReturnPackageCredit> giveBack = wallet.expectCommand(EventTypes.RETURN_PACKAGE_CREDIT,
                ReturnPackageCredit.class, r -> r.bookingId().equals(c.bookingId()));
        assertThat(giveBack.command().purchaseId()).isEqualTo(purchase.toString());
        giveBack.andGivenReply(EventTypes.PACKAGE_CREDIT_RETURNED, r -> new PackageReplies.PackageCreditReturned(
                r.sagaId(), r.purchaseId(), r.bookingId(), true, 5)).expectState("completed", BookingSaga.RETURN_CREDIT);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(booking)).isEqualTo("CANCELLED");
            assertThat(paymentStatus(booking)).isEqualTo("CREDIT_RETURNED");
        });
        assertThat(wallet.commandsSent(EventTypes.REFUND_BOOKING_PAYMENT)).isZero();
        assertThat(bookedCount(slot)).isZero();
    }

    @Test
    void aPackageBookingWithNoCreditsLeftIsRefusedWithAClearMessage() {
        long student = newUser();
        UUID purchase = announcePurchase(student, tutor, 60, 0);
        long slot = oneToOne(tutor);
        refused(send(HttpMethod.POST, BOOK, TestJwt.student(student),
                        "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"" + purchase + "\"}").expectStatus().isBadRequest(),
                "package_purchase_id", "No credits left in this package");
        assertThat(bookedCount(slot)).isZero();

        UUID other = announcePurchase(student, tutor, 45, 3);
        refused(send(HttpMethod.POST, BOOK, TestJwt.student(student),
                        "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"" + other + "\"}").expectStatus().isBadRequest(),
                "package_purchase_id", "This package is for 45-minute sessions, not 60-minute ones");
        refused(send(HttpMethod.POST, BOOK, TestJwt.student(student),
                        "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"nope\"}").expectStatus().isBadRequest(),
                "package_purchase_id", "package_purchase_id must be a package purchase id");
    }

    /** Two bookings race for the last credit: both pass the read model, the wallet gives it to one. */
    @Test
    void whenTheWalletRefusesTheLastCreditTheBookingIsRefusedAndItsSeatFreed() {
        long student = newUser();
        UUID purchase = announcePurchase(student, tutor, 60, 1);
        long first = oneToOne(tutor);
        long second = slot(tutor, "2031-03-05", "12:00", "13:00", 60, "ONE_TO_ONE", 1);

        CompletableFuture<Answer> a = bookInBackground(student,
                "{\"slot_id\": " + first + ", \"package_purchase_id\": \"" + purchase + "\"}");
        SagaScript walletA = wallet();
        ConsumePackageCredit ca = walletA.expectCommand(EventTypes.CONSUME_PACKAGE_CREDIT, ConsumePackageCredit.class,
                c -> c.purchaseId().equals(purchase.toString())).command();
        CompletableFuture<Answer> b = bookInBackground(student,
                "{\"slot_id\": " + second + ", \"package_purchase_id\": \"" + purchase + "\"}");
        SagaScript walletB = wallet();
        ConsumePackageCredit cb = walletB.expectCommand(EventTypes.CONSUME_PACKAGE_CREDIT, ConsumePackageCredit.class,
                c -> c.purchaseId().equals(purchase.toString()) && !c.bookingId().equals(ca.bookingId())).command();

        walletA.reply(EventTypes.PACKAGE_CREDIT_CONSUMED, new PackageReplies.PackageCreditConsumed(ca.sagaId(),
                ca.purchaseId(), ca.bookingId(), 1, 1, 0, NOW.plus(Duration.ofDays(30))));
        walletB.reply(EventTypes.PACKAGE_CREDIT_REFUSED, new PackageReplies.PackageCreditRefused(cb.sagaId(),
                cb.purchaseId(), cb.bookingId(), "No credits left in this package"));
        walletB.expectState("failed", BookingSaga.CONSUME_CREDIT);
        Answer refusedAnswer = answered(b);
        assertThat(refusedAnswer.status()).isEqualTo(400);
        assertThat(refusedAnswer.body().path("message").asString()).isEqualTo("No credits left in this package");
        UUID lost = UUID.fromString(cb.bookingId());
        assertThat(status(lost)).isEqualTo("REFUSED");
        assertThat(paymentStatus(lost)).isEqualTo("CREDIT_RETURNED");
        assertThat(bookedCount(second)).isZero();
        assertThat(outboxEvents(EventTypes.BOOKING_REFUSED, cb.bookingId())).isEqualTo(1);

        session().expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        s -> s.bookingId().equals(ca.bookingId()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_ADDED, s -> new TeachingReplies.TeachingParticipantAdded(
                        s.sagaId(), s.sessionId(), s.bookingId(), "part-" + s.bookingId(), "channel", 1));
        // The first answer may already have been given as 202 (pending) while the test scripted the second.
        assertThat(answered(a).status()).isIn(201, 202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(UUID.fromString(ca.bookingId()))).isEqualTo("CONFIRMED"));
    }

    /** An unpaid hold that expires while its credit was asked for gives the credit back. */
    @Test
    void anExpiredHoldGivesItsCreditBack() {
        long student = newUser();
        UUID purchase = announcePurchase(student, tutor, 60, 2);
        long slot = oneToOne(tutor);
        CompletableFuture<Answer> answer = bookInBackground(student,
                "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"" + purchase + "\"}");
        SagaScript wallet = wallet();
        ConsumePackageCredit c = wallet.expectCommand(EventTypes.CONSUME_PACKAGE_CREDIT, ConsumePackageCredit.class,
                x -> x.purchaseId().equals(purchase.toString())).command();
        assertThat(answered(answer).status()).isEqualTo(202);
        clock.set(NOW.plus(Duration.ofMinutes(16)));
        cron("hold-expiry");
        wallet.expectCommand(EventTypes.RETURN_PACKAGE_CREDIT, ReturnPackageCredit.class,
                        r -> r.bookingId().equals(c.bookingId()))
                .andGivenReply(EventTypes.PACKAGE_CREDIT_RETURNED, r -> new PackageReplies.PackageCreditReturned(
                        r.sagaId(), r.purchaseId(), r.bookingId(), true, 2));
        UUID booking = UUID.fromString(c.bookingId());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(booking)).isEqualTo("EXPIRED");
            assertThat(paymentStatus(booking)).isEqualTo("CREDIT_RETURNED");
        });
        // The credit's late answer changes nothing: the saga moved on.
        wallet.reply(EventTypes.PACKAGE_CREDIT_CONSUMED, new PackageReplies.PackageCreditConsumed(c.sagaId(),
                c.purchaseId(), c.bookingId(), 2, 1, 1, NOW.plus(Duration.ofDays(30))));
        assertThat(bookedCount(slot)).isZero();
        assertThat(status(booking)).isEqualTo("EXPIRED");
    }

    /** The tutor cancels the session: the credit-paid booking gets its credit back, not a card refund. */
    @Test
    void aTutorCancelGivesTheCreditBack() {
        long student = newUser();
        UUID purchase = announcePurchase(student, tutor, 60, 3);
        long slot = oneToOne(tutor);
        CompletableFuture<Answer> answer = bookInBackground(student,
                "{\"slot_id\": " + slot + ", \"package_purchase_id\": \"" + purchase + "\"}");
        SagaScript wallet = wallet();
        ConsumePackageCredit c = wallet.expectCommand(EventTypes.CONSUME_PACKAGE_CREDIT, ConsumePackageCredit.class,
                x -> x.purchaseId().equals(purchase.toString())).command();
        wallet.reply(EventTypes.PACKAGE_CREDIT_CONSUMED, new PackageReplies.PackageCreditConsumed(c.sagaId(),
                c.purchaseId(), c.bookingId(), 5, 3, 2, NOW.plus(Duration.ofDays(30))));
        session().expectCommand(EventTypes.ADD_TEACHING_PARTICIPANT, AddTeachingParticipant.class,
                        a -> a.bookingId().equals(c.bookingId()))
                .andGivenReply(EventTypes.TEACHING_PARTICIPANT_ADDED, a -> new TeachingReplies.TeachingParticipantAdded(
                        a.sagaId(), a.sessionId(), a.bookingId(), "part-" + a.bookingId(), "channel", 1));
        Answer booked = answered(answer);
        assertThat(booked.status()).isEqualTo(201);
        String sessionId = booked.body().at("/data/teaching_session_id").asString();

        CompletableFuture<Answer> cancel = CompletableFuture.supplyAsync(() -> answer(send(HttpMethod.PATCH,
                "/api/teaching/sessions/" + sessionId + "/cancel", TestJwt.tutor(tutor), "{\"reason\": \"Ill\"}")));
        session().expectCommand(EventTypes.CANCEL_TEACHING_SESSION, CancelTeachingSession.class,
                        cmd -> cmd.sessionId().equals(sessionId))
                .andGivenReply(EventTypes.TEACHING_SESSION_CANCEL_DONE, cmd -> new TeachingReplies.TeachingSessionCancelled(
                        cmd.sagaId(), cmd.sessionId(), List.of(c.bookingId())));
        assertThat(answered(cancel).status()).isEqualTo(200);
        wallet.expectCommand(EventTypes.RETURN_PACKAGE_CREDIT, ReturnPackageCredit.class,
                        r -> r.bookingId().equals(c.bookingId()) && r.reason().equals("Ill"))
                .andGivenReply(EventTypes.PACKAGE_CREDIT_RETURNED, r -> new PackageReplies.PackageCreditReturned(
                        r.sagaId(), r.purchaseId(), r.bookingId(), true, 3));
        UUID booking = UUID.fromString(c.bookingId());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(booking)).isEqualTo("CANCELLED");
            assertThat(paymentStatus(booking)).isEqualTo("CREDIT_RETURNED");
        });
        assertThat(wallet.commandsSent(EventTypes.REFUND_BOOKING_PAYMENT)).isZero();
    }

    /** Wallet-service announces a paid purchase; returns once the read model has it. */
    private UUID announcePurchase(long student, long tutor, int minutes, int left) {
        UUID id = UUID.randomUUID();
        PackageEvent e = new PackageEvent(id.toString(), 1, tutor, student, "Pack", "ACTIVE", 5, 5 - left, left, 0,
                minutes, 25_000, "USD", NOW.plus(Duration.ofDays(30)), null, Instant.now());
        TopicProbe.send(Topics.PAYMENTS, id.toString(), TestEvents.cloudEvent(EventTypes.PACKAGE_PURCHASED, id.toString(), e));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM package_credit_view WHERE purchase_id = $1", id) == 1);
        return id;
    }
}
