package io.coachwork.scheduling.booking;

import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.booking.domain.BookingStatus;
import io.coachwork.scheduling.booking.domain.PaymentStatus;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Response bodies of the booking endpoints (snake_case on the wire); money in major units of its currency. */
public final class BookingViews {

    private BookingViews() {
    }

    /** What the student paid and got back. {@code refundState}: NONE, PENDING, REFUNDED, PARTIALLY_REFUNDED. */
    public record Receipt(BigDecimal amount, String currency, boolean paid, BigDecimal refundAmount,
                          BigDecimal refundedAmount, String refundState) {

        static Receipt of(Booking b) {
            String state = switch (b.paymentStatus()) {
                case REFUND_PENDING -> "PENDING";
                case REFUNDED -> "REFUNDED";
                case PARTIALLY_REFUNDED -> "PARTIALLY_REFUNDED";
                default -> "NONE";
            };
            return new Receipt(major(b.priceMinor(), b.currency()), b.currency(), b.paymentStatus().paid(),
                    major(b.refundMinor(), b.currency()), major(b.refundedMinor(), b.currency()), state);
        }
    }

    /**
     * A booking with its times in UTC, on the tutor's wall clock and on the student's. The client secret
     * (to pay with Stripe.js) is shown to the student only, and only while the booking awaits payment.
     */
    public record BookingView(UUID id, UUID teachingSessionId, long slotId, long tutorId, long studentId, String status,
                              String paymentStatus, String sessionType, Instant startsAt, Instant endsAt,
                              String timezone, LocalDateTime localStartsAt, LocalDateTime localEndsAt,
                              String studentTimezone, LocalDateTime studentStartsAt, LocalDateTime studentEndsAt,
                              BigDecimal price, String currency, String paymentIntentId, String clientSecret,
                              Instant holdExpiresAt, Receipt receipt, String subject, String notes, String cancelledBy,
                              String reason, Instant createdAt, Instant updatedAt) {

        public static BookingView of(Booking b, long viewerId) {
            ZoneId tutor = zone(b.timezone());
            ZoneId student = b.studentTimezone() == null ? null : zone(b.studentTimezone());
            boolean secret = viewerId == b.studentId() && b.status().awaitingPayment()
                    && b.paymentStatus() == PaymentStatus.REQUIRES_PAYMENT;
            return new BookingView(b.id(), b.teachingSessionId(), b.slotId(), b.tutorId(), b.studentId(),
                    b.status().name(), b.paymentStatus().name(), b.sessionType(), b.startsAt(), b.endsAt(),
                    b.timezone(), local(b.startsAt(), tutor), local(b.endsAt(), tutor), b.studentTimezone(),
                    local(b.startsAt(), student), local(b.endsAt(), student), major(b.priceMinor(), b.currency()),
                    b.currency(), b.paymentIntentId(), secret ? b.clientSecret() : null,
                    b.status() == BookingStatus.HELD || b.status() == BookingStatus.PENDING_PAYMENT ? b.holdExpiresAt() : null,
                    Receipt.of(b), b.subject(), b.notes(), b.cancelledBy() == null ? null : b.cancelledBy().name(),
                    b.reason(), b.createdAt(), b.updatedAt());
        }
    }

    public record BookingPage(List<BookingView> bookings, Pagination pagination) {
    }

    /** A tutor's cancel: {@code status} CANCELLED once done, CANCELLING while session-service has not answered. */
    public record SessionCancel(UUID teachingSessionId, String status, List<BookingView> bookings) {
    }

    /** A waitlist place; {@code position} counts from 1 while waiting. */
    public record WaitlistView(long id, long slotId, String status, Long position, UUID bookingId, Instant createdAt) {

        static WaitlistView of(WaitlistRepository.Entry e, Long position) {
            return new WaitlistView(e.id(), e.slotId(), e.status(), position, e.bookingId(), e.createdAt());
        }
    }

    public record WaitlistPage(List<WaitlistView> entries, Pagination pagination) {
    }

    static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()));
    }

    private static LocalDateTime local(Instant at, ZoneId zone) {
        return zone == null ? null : LocalDateTime.ofInstant(at, zone);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
