package io.coachwork.notification.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.contracts.booking.WaitlistOffer;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.LocalTimes;
import io.coachwork.notification.template.Message;
import io.coachwork.notification.template.Reasons;
import io.coachwork.platform.money.Money;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who hears what about a booking (seed 002 §2, §3, §9; issue 9):
 * <ul>
 *   <li>confirmed: the tutor gets {@code session:booked} (a new booking, or a new participant of a group
 *       session), the student a booking confirmation; both show the time in the tutor's and the
 *       student's zones (a student whose zone is unknown reads UTC);</li>
 *   <li>cancelled: whoever did not cancel ({@code cancelledBy} STUDENT → the tutor, TUTOR → the student,
 *       SYSTEM → both); the tutor only of bookings they were told were confirmed. A booking cancelled
 *       before it was confirmed that is paid after all (a late payment, announced as a second
 *       cancelled event) tells the student their payment is refunded in full;</li>
 *   <li>expired: the student, that the hold ran out; a late payment after it (a second expired event,
 *       now paid) tells them it is refunded in full;</li>
 *   <li>refunded, payment_failed: the student;</li>
 *   <li>waitlist_offered: the student holding the freed seat, with the time the hold expires.</li>
 * </ul>
 * Each fact happens once per booking, so notices are keyed by booking and fact, not by event: a
 * producer publishing the same fact again tells nobody twice.
 */
public final class BookingRules {

    public static final String STUDENT = "STUDENT";
    public static final String TUTOR = "TUTOR";
    private static final String GROUP = "GROUP";
    /** Payment states of a booking that was paid: only those reached the tutor as {@code session:booked}. */
    private static final Set<String> PAID = Set.of("SUCCEEDED", "REFUND_PENDING", "REFUNDED", "PARTIALLY_REFUNDED");
    private static final Set<String> REFUNDING = Set.of("REFUND_PENDING", "REFUNDED", "PARTIALLY_REFUNDED");

    private BookingRules() {
    }

    /**
     * @param tutorToldOfBooking whether the tutor was told this booking was confirmed (its confirmation
     *                           is in their inbox); only cancellations ask
     */
    public static List<Notice> notices(String eventType, BookingEvent booking, boolean tutorToldOfBooking, Links links) {
        Facts f = new Facts(booking, links);
        return switch (eventType) {
            case EventTypes.BOOKING_CONFIRMED -> confirmed(f);
            case EventTypes.BOOKING_CANCELLED -> cancelled(f, tutorToldOfBooking);
            case EventTypes.BOOKING_REFUNDED -> refunded(f);
            case EventTypes.BOOKING_EXPIRED -> expired(f);
            case EventTypes.BOOKING_PAYMENT_FAILED_EVENT -> paymentFailed(f);
            default -> List.of();
        };
    }

    private static List<Notice> confirmed(Facts f) {
        BookingEvent b = f.booking;
        boolean group = GROUP.equalsIgnoreCase(b.sessionType());
        Message.Builder forTutor = f.message(group ? "New participant: {student} joined your group session"
                        : "New booking: {student} booked a session with you")
                .heading(group ? "{student} joined your group session" : "{student} booked a one-to-one session with you")
                .paragraph("Your time: {tutor_time}")
                .paragraph("Student's time: {student_time}");
        if (f.price() != null) {
            forTutor.paragraph("The student paid {price}.");
        }
        forTutor.action("Open session", f.sessionLink());
        Message.Builder forStudent = f.message("Booking confirmed: {kind} with {tutor}")
                .heading("Your {kind} with {tutor} is booked")
                .paragraph("Your time: {student_time}")
                .paragraph("Tutor's time: {tutor_time}");
        if (f.price() != null) {
            forStudent.paragraph("Paid: {price}. You can cancel any time before the session starts.");
        }
        forStudent.action("View booking", f.sessionLink());
        return List.of(
                f.notice(b.tutorId(), NotificationType.SESSION_BOOKED, "confirmed", forTutor.build()),
                f.notice(b.studentId(), NotificationType.SESSION_BOOKED, "confirmed", forStudent.build()));
    }

    /** The dedupe key of the tutor's confirmation of this booking: its presence says the tutor was told. */
    public static String tutorConfirmationKey(BookingEvent booking) {
        return key(booking.bookingId(), "confirmed", booking.tutorId(), NotificationType.SESSION_BOOKED);
    }

    private static List<Notice> cancelled(Facts f, boolean tutorToldOfBooking) {
        BookingEvent b = f.booking;
        String by = b.cancelledBy() == null ? "SYSTEM" : b.cancelledBy().trim().toUpperCase();
        if (!tutorToldOfBooking && PAID.contains(upper(b.paymentStatus()))) {
            return List.of(paidAfterItEnded(f, "Your booking was cancelled before it was confirmed"));
        }
        boolean tellTutor = tutorToldOfBooking && !TUTOR.equals(by);
        boolean tellStudent = !STUDENT.equals(by);
        List<Notice> notices = new ArrayList<>();
        if (tellTutor) {
            Message.Builder forTutor = f.message("Booking cancelled: {kind} with {student}")
                    .heading(STUDENT.equals(by) ? "{student} cancelled their booking" : "A booking was cancelled")
                    .paragraph(STUDENT.equals(by) ? "{student} cancelled the {kind} planned for {when}."
                            : "The {kind} with {student} planned for {when} was cancelled.");
            f.reason(forTutor);
            forTutor.paragraph(GROUP.equalsIgnoreCase(b.sessionType()) ? "Their seat is open for booking again."
                    : "The time is open for booking again.");
            notices.add(f.notice(b.tutorId(), NotificationType.SESSION_CANCELLED, "cancelled",
                    forTutor.action("Open session", f.sessionLink()).build()));
        }
        if (tellStudent) {
            Message.Builder forStudent = f.message("Cancelled: your {kind} with {tutor}")
                    .heading("Your {kind} with {tutor} was cancelled")
                    .paragraph(TUTOR.equals(by) ? "{tutor} cancelled the session planned for {when}."
                            : "The session planned for {when} was cancelled.");
            f.reason(forStudent);
            String refund = f.refund();
            if (refund != null) {
                forStudent.paragraph("A refund of {refund} is on its way to your original payment method.").value("refund", refund);
            }
            notices.add(f.notice(b.studentId(), NotificationType.SESSION_CANCELLED, "cancelled",
                    forStudent.action("View your bookings", f.links.myBookings()).build()));
        }
        return notices;
    }

    private static List<Notice> refunded(Facts f) {
        BookingEvent b = f.booking;
        String refund = f.refund();
        Message.Builder message = f.message(refund == null ? "Your refund is complete" : "Your refund of {refund} is complete")
                .heading(refund == null ? "Your refund is complete" : "{refund} was refunded to you")
                .paragraph("The refund for your {kind} with {tutor} planned for {when} has been processed; "
                        + "your bank may take a few days to show it.");
        if (refund != null) {
            message.value("refund", refund);
        }
        f.reason(message);
        return List.of(f.notice(b.studentId(), NotificationType.BOOKING_REFUNDED, "refunded",
                message.action("View your bookings", f.links.myBookings()).build()));
    }

    private static List<Notice> expired(Facts f) {
        BookingEvent b = f.booking;
        if (PAID.contains(upper(b.paymentStatus()))) {
            return List.of(paidAfterItEnded(f, "Your hold on the seat expired before your payment arrived"));
        }
        Message.Builder message = f.message("Your booking hold expired")
                .heading("Your hold on the {kind} with {tutor} expired")
                .paragraph("The seat for {when} was held for you while you paid, and the hold ran out before "
                        + "the payment completed, so the seat was released.");
        f.reason(message);
        message.paragraph("You have not been charged.");
        return List.of(f.notice(b.studentId(), NotificationType.BOOKING_EXPIRED, "expired",
                message.action("Book again", f.links.myBookings()).build()));
    }

    /** A payment for a booking that had already ended (expired or cancelled unconfirmed) goes back in full. */
    private static Notice paidAfterItEnded(Facts f, String what) {
        BookingEvent b = f.booking;
        String refund = f.refund() != null ? f.refund() : f.price();
        Message.Builder message = f.message("Your payment is being refunded")
                .heading("Your payment for the {kind} with {tutor} is being refunded")
                .paragraph(what + ", so the booking for {when} was not made.")
                .paragraph(refund == null ? "Your payment is being refunded in full to your original payment method."
                        : "Your payment of {refund} is being refunded in full to your original payment method.");
        if (refund != null) {
            message.value("refund", refund);
        }
        f.reason(message);
        return f.notice(b.studentId(), NotificationType.BOOKING_REFUNDED, "paid_after_it_ended",
                message.action("Book again", f.links.myBookings()).build());
    }

    private static List<Notice> paymentFailed(Facts f) {
        BookingEvent b = f.booking;
        Message.Builder message = f.message("Your payment did not go through")
                .heading("Your payment for the {kind} with {tutor} did not go through")
                .paragraph("The booking for {when} was not confirmed and its seat was released. You have not been charged.");
        f.reason(message);
        return List.of(f.notice(b.studentId(), NotificationType.BOOKING_PAYMENT_FAILED, "payment_failed",
                message.action("Book again", f.links.myBookings()).build()));
    }

    /** The first student on the waitlist holds the freed seat until the hold expires. */
    public static List<Notice> waitlistOffer(WaitlistOffer offer, Links links) {
        Money money = money(offer.priceMinor(), offer.currency());
        String price = money == null ? null : money.formatted();
        Message.Builder message = Message.subject("A seat opened up in {tutor}'s group session")
                .heading("A seat is waiting for you")
                .paragraph("A seat freed up in the group session with {tutor} on {when}, and you are first on the waitlist.")
                .paragraph(price == null ? "It is held for you until {expires}. Pay before then to confirm your place; "
                        + "after that it goes to the next person waiting."
                        : "It is held for you until {expires}. Pay {price} before then to confirm your place; "
                        + "after that it goes to the next person waiting.")
                .action("Pay and confirm", links.booking(offer.bookingId()))
                .value("tutor", new Message.Person(offer.tutorId(), "your tutor"))
                .value("when", new Message.When(offer.startsAt(), offer.endsAt()))
                .value("expires", offer.holdExpiresAt());
        if (price != null) {
            message.value("price", price);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("booking_id", offer.bookingId());
        data.put("slot_id", offer.slotId());
        data.put("tutor_id", offer.tutorId());
        data.put("student_id", offer.studentId());
        data.put("starts_at", offer.startsAt());
        data.put("ends_at", offer.endsAt());
        data.put("timezone", offer.timezone());
        data.put("price", money == null ? null : money.decimal());
        data.put("currency", offer.currency());
        data.put("hold_expires_at", offer.holdExpiresAt());
        data.put("pay_link", links.booking(offer.bookingId()));
        NotificationType type = NotificationType.WAITLIST_OFFERED;
        return List.of(new Notice(offer.studentId(), type, message.build(), data,
                key(offer.bookingId(), "waitlist_offered", offer.studentId(), type)));
    }

    /** An amount; null when the event has none or names no real currency (then it is not shown). */
    static Money money(long minor, String currency) {
        if (minor <= 0 || currency == null) {
            return null;
        }
        try {
            return Money.of(minor, currency.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String formatted(Money money) {
        return money == null ? null : money.formatted();
    }

    private static String key(String bookingId, String fact, long recipient, NotificationType type) {
        return "booking:" + bookingId + ":" + fact + ":" + recipient + ":" + type.key();
    }

    private static String upper(String value) {
        return value == null ? "" : value.trim().toUpperCase();
    }

    /** What every notice about this booking shares. */
    private record Facts(BookingEvent booking, Links links) {

        String kind() {
            return GROUP.equalsIgnoreCase(booking.sessionType()) ? "group session" : "one-to-one session";
        }

        String sessionLink() {
            return links.teachingSession(booking.teachingSessionId());
        }

        String price() {
            return formatted(money(booking.priceMinor(), booking.currency()));
        }

        /** What is (being) refunded: the refund when the event names one, else the price (a full refund). */
        Money refundMoney() {
            return booking.refundMinor() > 0 ? money(booking.refundMinor(), booking.currency())
                    : REFUNDING.contains(upper(booking.paymentStatus())) ? money(booking.priceMinor(), booking.currency()) : null;
        }

        String refund() {
            return formatted(refundMoney());
        }

        /** The tutor's zone, and the student's (UTC when the booking does not know it, as seed 002 stores times). */
        ZoneId tutorZone() {
            return LocalTimes.zone(booking.timezone());
        }

        ZoneId studentZone() {
            return LocalTimes.zone(booking.studentTimezone());
        }

        Message.Builder message(String subject) {
            Message.Builder builder = Message.subject(subject)
                    .value("kind", kind())
                    .value("tutor", new Message.Person(booking.tutorId(), "your tutor"))
                    .value("student", new Message.Person(booking.studentId(), "A student"));
            if (booking.startsAt() != null) {
                builder.value("when", new Message.When(booking.startsAt(), booking.endsAt()))
                        .value("tutor_time", LocalTimes.span(booking.startsAt(), booking.endsAt(), tutorZone()))
                        .value("student_time", LocalTimes.span(booking.startsAt(), booking.endsAt(), studentZone()));
            } else {
                builder.value("when", "the booked time")
                        .value("tutor_time", "not known").value("student_time", "not known");
            }
            String price = price();
            if (price != null) {
                builder.value("price", price);
            }
            return builder;
        }

        void reason(Message.Builder message) {
            if (Reasons.readable(booking.reason())) {
                message.paragraph("Reason: {reason}").value("reason", booking.reason().trim());
            }
        }

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("booking_id", booking.bookingId());
            data.put("teaching_session_id", booking.teachingSessionId());
            data.put("slot_id", booking.slotId());
            data.put("tutor_id", booking.tutorId());
            data.put("student_id", booking.studentId());
            data.put("status", booking.status());
            data.put("payment_status", booking.paymentStatus());
            data.put("session_type", booking.sessionType());
            data.put("starts_at", booking.startsAt());
            data.put("ends_at", booking.endsAt());
            data.put("timezone", booking.timezone());
            data.put("student_timezone", booking.studentTimezone());
            Money price = money(booking.priceMinor(), booking.currency());
            Money refund = refundMoney();
            data.put("price", price == null ? null : price.decimal());
            data.put("refund", refund == null ? null : refund.decimal());
            data.put("currency", booking.currency());
            data.put("cancelled_by", booking.cancelledBy());
            data.put("reason", booking.reason());
            data.put("session_link", sessionLink());
            return data;
        }

        Notice notice(long recipient, NotificationType type, String fact, Message message) {
            return new Notice(recipient, type, message, data(), key(booking.bookingId(), fact, recipient, type));
        }
    }
}
