package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.notification.dispatch.DispatchRules;
import io.coachwork.notification.support.BookingEvents;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.TestSocket;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Booking events from scheduling-service reach the right people on the right channels, once (issue 9 item 7). */
class BookingNotificationsTest extends NotificationIntegrationTest {

    @Test
    void aConfirmedBookingDeliveredTwicePushesSessionBookedToTheTutorAndEmailsBothOnce() throws Exception {
        long tutor = newId();
        long student = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "America/New_York", "tutor");
        registerUser(student, "John Doe", emailOf(student), "Africa/Lagos", "student");
        BookingEvents booking = BookingEvents.of(tutor, student);

        try (TestSocket tutorSocket = TestSocket.connect(port, TestJwt.tutor(tutor))) {
            String confirmed = TestEvents.cloudEvent(EventTypes.BOOKING_CONFIRMED, booking.bookingId(), booking.build());
            deliverTwice(Topics.BOOKINGS, booking.bookingId(), confirmed);
            // Same key, so it is handled after both copies.
            publishBooking(EventTypes.BOOKING_REFUNDED, booking.bookingId(),
                    booking.status("CANCELLED", "REFUNDED").refund(3000).build());
            awaitInbox(student, "booking_refunded");

            JsonNode pushed = tutorSocket.await("session:booked");
            assertThat(pushed.get("data").get("type").asString()).isEqualTo("session_booked");
            assertThat(pushed.get("data").get("booking_id").asString()).isEqualTo(booking.bookingId());
            assertThat(pushed.get("data").get("title").asString()).isEqualTo("John Doe booked a one-to-one session with you");
        }
        assertThat(inboxOfType(tutor, "session_booked")).hasSize(1);
        assertThat(inboxOfType(student, "session_booked")).hasSize(1);

        MimeMessage toStudent = awaitEmails(emailOf(student), 2).stream()
                .filter(m -> subject(m).startsWith("Booking confirmed")).findFirst().orElseThrow();
        assertThat(toStudent.getSubject()).isEqualTo("Booking confirmed: one-to-one session with Tayo Tutor");
        assertThat(text(toStudent)).contains("Your time: Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("Tutor's time: Saturday, 20 January 2024, 09:00–10:00 (America/New_York)");
        MimeMessage toTutor = awaitEmails(emailOf(tutor), 1).get(0);
        assertThat(toTutor.getSubject()).isEqualTo("New booking: John Doe booked a session with you");
        await().atMost(WAIT).until(() -> deliveries(student, "email").stream().allMatch(d -> "sent".equals(d.get("status"))));
        assertThat(emailsTo(emailOf(tutor))).hasSize(1);
        assertThat(emailsTo(emailOf(student)).stream().filter(m -> subject(m).startsWith("Booking confirmed"))).hasSize(1);
    }

    @Test
    void aStudentsCancellationOfAConfirmedBookingReachesTheTutorOnlyBySocketAndEmail() {
        long tutor = newId();
        long student = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "Europe/London", "tutor");
        registerUser(student, "Ada Student", emailOf(student), "Europe/Berlin", "student");
        BookingEvents booking = BookingEvents.of(tutor, student);
        publishBooking(EventTypes.BOOKING_CONFIRMED, booking.bookingId(), booking.build());
        awaitInbox(tutor, "session_booked");
        awaitEmails(emailOf(tutor), 1);

        try (TestSocket tutorSocket = TestSocket.connect(port, TestJwt.tutor(tutor))) {
            publishBooking(EventTypes.BOOKING_CANCELLED, booking.bookingId(),
                    booking.status("CANCELLED", "SUCCEEDED").refund(3000).cancelledBy("STUDENT").build());
            JsonNode pushed = tutorSocket.await("session:cancelled");
            assertThat(pushed.get("data").get("type").asString()).isEqualTo("session_cancelled");
            assertThat(pushed.get("data").get("cancelled_by").asString()).isEqualTo("STUDENT");
        }
        MimeMessage notice = awaitEmails(emailOf(tutor), 2).get(1);
        assertThat(subject(notice)).isEqualTo("Booking cancelled: one-to-one session with Ada Student");
        assertThat(inboxOfType(student, "session_cancelled")).isEmpty();
        assertThat(emailsTo(emailOf(student))).extracting(BookingNotificationsTest::subject)
                .containsExactly("Booking confirmed: one-to-one session with Tayo Tutor");
    }

    @Test
    void aWaitlistOfferReachesTheStudentBySocketAndEmailWithTheHoldExpiry() throws Exception {
        long tutor = newId();
        long student = newId();
        registerUser(student, "Wait Listed", emailOf(student), "Asia/Tokyo", "student");
        BookingEvents booking = BookingEvents.of(tutor, student).group();
        try (TestSocket socket = TestSocket.connect(port, TestJwt.student(student))) {
            publishBooking(EventTypes.BOOKING_WAITLIST_OFFERED, booking.bookingId(),
                    booking.offer(Instant.parse("2024-01-19T10:15:00Z")));
            JsonNode offer = socket.await("booking:waitlist_offered");
            assertThat(offer.get("data").get("hold_expires_at").asString()).isEqualTo("2024-01-19T10:15:00.000Z");
        }
        MimeMessage email = awaitEmails(emailOf(student), 1).get(0);
        assertThat(text(email)).contains("It is held for you until Friday, 19 January 2024, 19:15 (Asia/Tokyo).");
    }

    @Test
    void anUnknownStudentFindsTheNoticeInTheInboxAndIsNotEmailed() {
        long tutor = newId();
        long student = newId();
        BookingEvents booking = BookingEvents.of(tutor, student).status("PAYMENT_FAILED", "FAILED");
        publishBooking(EventTypes.BOOKING_PAYMENT_FAILED_EVENT, booking.bookingId(), booking.build());

        JsonNode failed = awaitInbox(student, "booking_payment_failed");
        assertThat(failed.get("event").asString()).isEqualTo("booking:payment_failed");
        assertThat(failed.get("body").asString()).contains("You have not been charged.");
        await().atMost(WAIT).until(() -> !deliveries(student, "email").isEmpty());
        assertThat(deliveries(student, "email").get(0))
                .containsEntry("status", "skipped").containsEntry("error", DispatchRules.NO_ADDRESS);
        assertThat(inbox(tutor)).isEmpty();
    }

    @Test
    void aTutorWhoTurnedBookingEmailsOffIsStillPushed() {
        long tutor = newId();
        long student = newId();
        registerUser(tutor, "Busy Tutor", emailOf(tutor), "UTC", "tutor");
        web.put().uri("/api/notifications/preferences").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"preferences\":[{\"type\":\"session_booked\",\"email\":false}]}")
                .exchange().expectStatus().isOk();
        BookingEvents booking = BookingEvents.of(tutor, student);
        try (TestSocket socket = TestSocket.connect(port, TestJwt.tutor(tutor))) {
            publishBooking(EventTypes.BOOKING_CONFIRMED, booking.bookingId(), booking.build());
            socket.await("session:booked");
        }
        await().atMost(WAIT).until(() -> !deliveries(tutor, "email").isEmpty());
        assertThat(deliveries(tutor, "email").get(0))
                .containsEntry("status", "skipped").containsEntry("error", DispatchRules.EMAIL_OFF);
        assertThat(deliveries(tutor, "push").get(0)).containsEntry("status", "sent");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text part");
    }
}
