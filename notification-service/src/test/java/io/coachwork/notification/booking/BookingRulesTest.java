package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.support.BookingEvents;
import io.coachwork.notification.template.MessageRenderer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who is told what about a booking (issue 9 item 7). */
class BookingRulesTest {

    private static final long TUTOR = 5;
    private static final long STUDENT = 8;
    private static final Links LINKS = new Links("https://app.test");
    private static final Map<Long, String> NAMES = Map.of(TUTOR, "Tayo", STUDENT, "John");

    private static String render(Notice notice) {
        return MessageRenderer.render(notice.message(), NAMES.get(notice.recipientId()), ZoneId.of("UTC"), NAMES).text();
    }

    /** Notices of an event about a booking the tutor was told was confirmed. */
    private static List<Notice> notices(String type, BookingEvents booking) {
        return BookingRules.notices(type, booking.build(), true, LINKS);
    }

    private static List<Notice> unconfirmed(String type, BookingEvents booking) {
        return BookingRules.notices(type, booking.build(), false, LINKS);
    }

    @Test
    void aConfirmedBookingTellsTheTutorSessionBookedAndConfirmsToTheStudentInBothZones() {
        BookingEvents booking = BookingEvents.of(TUTOR, STUDENT).session("ts-1");
        List<Notice> confirmed = notices(EventTypes.BOOKING_CONFIRMED, booking);

        assertThat(confirmed).extracting(Notice::recipientId, Notice::type).containsExactly(
                tuple(TUTOR, NotificationType.SESSION_BOOKED), tuple(STUDENT, NotificationType.SESSION_BOOKED));
        assertThat(confirmed.get(0).type().event()).isEqualTo("session:booked");
        // 14:00 UTC is 09:00 in New York and 15:00 in Lagos.
        assertThat(render(confirmed.get(0))).contains("John booked a one-to-one session with you")
                .contains("Your time: Saturday, 20 January 2024, 09:00–10:00 (America/New_York)")
                .contains("Student's time: Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("The student paid 30.00 USD.")
                .contains("Open session: https://app.test/teaching/sessions/ts-1");
        String student = render(confirmed.get(1));
        assertThat(student).contains("Your one-to-one session with Tayo is booked")
                .contains("Your time: Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("Tutor's time: Saturday, 20 January 2024, 09:00–10:00 (America/New_York)")
                .contains("Paid: 30.00 USD.");
        assertThat(MessageRenderer.render(confirmed.get(1).message(), "John", ZoneId.of("UTC"), NAMES).subject())
                .isEqualTo("Booking confirmed: one-to-one session with Tayo");
        assertThat(confirmed.get(1).data()).containsEntry("booking_id", booking.bookingId())
                .containsEntry("teaching_session_id", "ts-1").containsEntry("price", new BigDecimal("30.0"))
                .containsEntry("currency", "USD").containsEntry("student_timezone", "Africa/Lagos");
        assertThat(confirmed.get(0).dedupeKey()).isEqualTo("booking:" + booking.bookingId() + ":confirmed:5:session_booked");
    }

    @Test
    void aStudentWhoseZoneIsUnknownReadsUtc() {
        List<Notice> confirmed = notices(EventTypes.BOOKING_CONFIRMED,
                BookingEvents.of(TUTOR, STUDENT).zones("Europe/Berlin", null));
        assertThat(render(confirmed.get(1))).contains("Your time: Saturday, 20 January 2024, 14:00–15:00 (UTC)")
                .contains("Tutor's time: Saturday, 20 January 2024, 15:00–16:00 (Europe/Berlin)");
        assertThat(render(confirmed.get(0))).contains("Student's time: Saturday, 20 January 2024, 14:00–15:00 (UTC)");
    }

    @Test
    void aNewGroupParticipantIsAnnouncedAsSuch() {
        List<Notice> confirmed = notices(EventTypes.BOOKING_CONFIRMED, BookingEvents.of(TUTOR, STUDENT).group());
        assertThat(MessageRenderer.render(confirmed.get(0).message(), "Tayo", ZoneId.of("UTC"), NAMES).subject())
                .isEqualTo("New participant: John joined your group session");
        assertThat(render(confirmed.get(1))).contains("Your group session with Tayo is booked");
    }

    @Test
    void aCancellationReachesWhoeverDidNotCancel() {
        BookingEvents byStudent = BookingEvents.of(TUTOR, STUDENT).status("CANCELLED", "SUCCEEDED").refund(3000)
                .cancelledBy("STUDENT");
        List<Notice> studentCancelled = notices(EventTypes.BOOKING_CANCELLED, byStudent);
        assertThat(studentCancelled).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(TUTOR, NotificationType.SESSION_CANCELLED));
        assertThat(studentCancelled.get(0).type().event()).isEqualTo("session:cancelled");
        assertThat(render(studentCancelled.get(0))).contains("John cancelled their booking")
                .contains("John cancelled the one-to-one session planned for Saturday, 20 January 2024, 14:00–15:00 (UTC).")
                .contains("The time is open for booking again.");

        List<Notice> tutorCancelled = notices(EventTypes.BOOKING_CANCELLED, BookingEvents.of(TUTOR, STUDENT)
                .status("CANCELLED", "SUCCEEDED").refund(3000).cancelledBy("TUTOR").reason("Tutor unwell"));
        assertThat(tutorCancelled).extracting(Notice::recipientId).containsExactly(STUDENT);
        assertThat(render(tutorCancelled.get(0))).contains("Tayo cancelled the session planned for")
                .contains("Reason: Tutor unwell")
                .contains("A refund of 30.00 USD is on its way to your original payment method.");

        List<Notice> systemCancelled = notices(EventTypes.BOOKING_CANCELLED, BookingEvents.of(TUTOR, STUDENT).group()
                .status("CANCELLED", "SUCCEEDED").refund(3000).cancelledBy("SYSTEM").reason("slot_deleted"));
        assertThat(systemCancelled).extracting(Notice::recipientId).containsExactly(TUTOR, STUDENT);
        assertThat(render(systemCancelled.get(0))).contains("Their seat is open for booking again.").doesNotContain("slot_deleted");
        assertThat(systemCancelled.get(1).data()).containsEntry("reason", "slot_deleted").containsEntry("cancelled_by", "SYSTEM");
    }

    @Test
    void theTutorHearsOnlyOfCancellationsOfBookingsTheyWereToldOf() {
        List<Notice> bySystem = unconfirmed(EventTypes.BOOKING_CANCELLED, BookingEvents.of(TUTOR, STUDENT)
                .status("CANCELLED", "REQUIRES_PAYMENT").cancelledBy("SYSTEM"));
        assertThat(bySystem).extracting(Notice::recipientId).containsExactly(STUDENT);
        assertThat(render(bySystem.get(0))).doesNotContain("refund");

        assertThat(unconfirmed(EventTypes.BOOKING_CANCELLED, BookingEvents.of(TUTOR, STUDENT)
                .status("CANCELLED", "REQUIRES_PAYMENT").cancelledBy("STUDENT"))).isEmpty();
    }

    @Test
    void aPaymentForABookingCancelledBeforeItWasConfirmedIsAnnouncedAsRefunded() {
        // scheduling-service announces a late payment with a second cancelled event, now paid.
        BookingEvents booking = BookingEvents.of(TUTOR, STUDENT).status("CANCELLED", "SUCCEEDED").cancelledBy("STUDENT")
                .refund(3000).reason("Your payment arrived after the booking was cancelled.");
        List<Notice> late = unconfirmed(EventTypes.BOOKING_CANCELLED, booking);
        assertThat(late).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.BOOKING_REFUNDED));
        assertThat(render(late.get(0))).contains("Your booking was cancelled before it was confirmed, so the booking for")
                .contains("Your payment of 30.00 USD is being refunded in full")
                .contains("Reason: Your payment arrived after the booking was cancelled.");
        assertThat(late.get(0).dedupeKey()).isEqualTo("booking:" + booking.bookingId() + ":paid_after_it_ended:8:booking_refunded");
    }

    @Test
    void refundsTellTheStudentTheAmount() {
        List<Notice> refunded = notices(EventTypes.BOOKING_REFUNDED, BookingEvents.of(TUTOR, STUDENT)
                .status("CANCELLED", "PARTIALLY_REFUNDED").price(6000, "NGN").refund(4500));
        assertThat(refunded).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.BOOKING_REFUNDED));
        assertThat(MessageRenderer.render(refunded.get(0).message(), "John", ZoneId.of("UTC"), NAMES).subject())
                .isEqualTo("Your refund of 45.00 NGN is complete");
        assertThat(refunded.get(0).data()).containsEntry("refund", new BigDecimal("45.0")).containsEntry("currency", "NGN");
    }

    @Test
    void anExpiredHoldTellsTheStudentAndALatePaymentAfterItIsAnnouncedAsRefunded() {
        BookingEvents booking = BookingEvents.of(TUTOR, STUDENT).status("EXPIRED", "REQUIRES_PAYMENT");
        List<Notice> unpaid = unconfirmed(EventTypes.BOOKING_EXPIRED, booking);
        assertThat(unpaid).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.BOOKING_EXPIRED));
        assertThat(render(unpaid.get(0))).contains("the seat was released").contains("You have not been charged.");

        // The same booking's second expired event: the payment came after all and is refunded (another fact).
        List<Notice> late = unconfirmed(EventTypes.BOOKING_EXPIRED, booking.status("EXPIRED", "SUCCEEDED").refund(3000)
                .reason("Your payment arrived after the hold expired."));
        assertThat(late).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.BOOKING_REFUNDED));
        assertThat(render(late.get(0))).contains("Your hold on the seat expired before your payment arrived")
                .contains("Your payment of 30.00 USD is being refunded in full")
                .contains("Reason: Your payment arrived after the hold expired.").doesNotContain("not been charged");
        assertThat(late.get(0).dedupeKey()).isNotEqualTo(unpaid.get(0).dedupeKey());
    }

    @Test
    void aFailedPaymentTellsTheStudent() {
        List<Notice> failed = notices(EventTypes.BOOKING_PAYMENT_FAILED_EVENT, BookingEvents.of(TUTOR, STUDENT)
                .status("PAYMENT_FAILED", "FAILED").reason("Your card was declined."));
        assertThat(failed).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.BOOKING_PAYMENT_FAILED));
        assertThat(render(failed.get(0))).contains("did not go through").contains("Reason: Your card was declined.");
    }

    @Test
    void holdsAndRefusalsStaySilent() {
        assertThat(notices(EventTypes.BOOKING_HELD, BookingEvents.of(TUTOR, STUDENT))).isEmpty();
        assertThat(notices(EventTypes.BOOKING_REFUSED, BookingEvents.of(TUTOR, STUDENT))).isEmpty();
    }

    @Test
    void aWaitlistOfferTellsTheStudentUntilWhenTheSeatIsHeld() {
        BookingEvents booking = BookingEvents.of(TUTOR, STUDENT).group();
        Instant expires = Instant.parse("2024-01-19T10:15:00Z");
        List<Notice> offer = BookingRules.waitlistOffer(booking.offer(expires), LINKS);
        assertThat(offer).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(STUDENT, NotificationType.WAITLIST_OFFERED));
        String text = MessageRenderer.render(offer.get(0).message(), "John", ZoneId.of("Africa/Lagos"), NAMES).text();
        assertThat(text).contains("A seat freed up in the group session with Tayo on Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)")
                .contains("It is held for you until Friday, 19 January 2024, 11:15 (Africa/Lagos). Pay 30.00 USD before then")
                .contains("Pay and confirm: https://app.test/teaching/bookings/" + booking.bookingId());
        assertThat(offer.get(0).data()).containsEntry("hold_expires_at", expires).containsEntry("booking_id", booking.bookingId());
        assertThat(offer.get(0).dedupeKey()).isEqualTo("booking:" + booking.bookingId() + ":waitlist_offered:8:waitlist_offered");
    }

    @Test
    void anAmountInACurrencyThatIsNoneIsLeftOut() {
        List<Notice> confirmed = notices(EventTypes.BOOKING_CONFIRMED, BookingEvents.of(TUTOR, STUDENT).price(3000, "XYZW"));
        assertThat(render(confirmed.get(1))).doesNotContain("Paid");
        assertThat(confirmed.get(1).data()).containsEntry("price", null);
    }
}
