package io.coachwork.notification.support;

import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.contracts.booking.WaitlistOffer;
import java.time.Instant;
import java.util.UUID;

/**
 * Booking event payloads for tests: a confirmed, paid one-to-one booking of 30.00 USD on
 * 2024-01-20 14:00–15:00 UTC, tutor in New York, student in Lagos, unless told otherwise.
 */
public final class BookingEvents {

    public static final Instant START = Instant.parse("2024-01-20T14:00:00Z");
    public static final Instant END = Instant.parse("2024-01-20T15:00:00Z");

    private final long tutorId;
    private final long studentId;
    private String bookingId = "bk-" + UUID.randomUUID();
    private String sessionId = "ts-" + UUID.randomUUID();
    private String status = "CONFIRMED";
    private String paymentStatus = "SUCCEEDED";
    private String sessionType = "ONE_TO_ONE";
    private Instant start = START;
    private Instant end = END;
    private String timezone = "America/New_York";
    private String studentTimezone = "Africa/Lagos";
    private long priceMinor = 3000;
    private long refundMinor;
    private String currency = "USD";
    private String cancelledBy;
    private String reason;
    private Instant holdExpiresAt;

    private BookingEvents(long tutorId, long studentId) {
        this.tutorId = tutorId;
        this.studentId = studentId;
    }

    public static BookingEvents of(long tutorId, long studentId) {
        return new BookingEvents(tutorId, studentId);
    }

    public BookingEvents id(String bookingId) {
        this.bookingId = bookingId;
        return this;
    }

    public BookingEvents session(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    public BookingEvents status(String status, String paymentStatus) {
        this.status = status;
        this.paymentStatus = paymentStatus;
        return this;
    }

    public BookingEvents group() {
        this.sessionType = "GROUP";
        return this;
    }

    public BookingEvents at(Instant start, Instant end) {
        this.start = start;
        this.end = end;
        return this;
    }

    public BookingEvents zones(String tutorZone, String studentZone) {
        this.timezone = tutorZone;
        this.studentTimezone = studentZone;
        return this;
    }

    public BookingEvents price(long minor, String currency) {
        this.priceMinor = minor;
        this.currency = currency;
        return this;
    }

    public BookingEvents refund(long minor) {
        this.refundMinor = minor;
        return this;
    }

    public BookingEvents cancelledBy(String who) {
        this.cancelledBy = who;
        return this;
    }

    public BookingEvents reason(String reason) {
        this.reason = reason;
        return this;
    }

    public BookingEvents holdExpiresAt(Instant at) {
        this.holdExpiresAt = at;
        return this;
    }

    public String bookingId() {
        return bookingId;
    }

    public BookingEvent build() {
        return new BookingEvent(bookingId, sessionId, 7, tutorId, studentId, status, paymentStatus, sessionType, start,
                end, timezone, studentTimezone, priceMinor, refundMinor, currency, cancelledBy, reason, holdExpiresAt,
                Instant.parse("2024-01-13T10:00:00Z"));
    }

    /** A waitlisted student holds the freed seat of this booking's slot until {@code expires}. */
    public WaitlistOffer offer(Instant expires) {
        return new WaitlistOffer(bookingId, 7, tutorId, studentId, start, end, timezone, priceMinor, currency, expires,
                Instant.parse("2024-01-13T10:00:00Z"));
    }
}
