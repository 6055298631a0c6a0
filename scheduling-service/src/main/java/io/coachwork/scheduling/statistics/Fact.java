package io.coachwork.scheduling.statistics;

import java.time.Instant;

/** One row of {@code stat_fact}: what happened, to whom, dated by {@code at} (see docs/statistics.md). */
record Fact(String kind, String sourceId, long tutorId, Instant at, String sessionId, String bookingId, Long studentId,
            Long amountMinor, Long commissionMinor, Long netMinor, String currency, Integer durationMinutes,
            Integer rating, boolean hidden) {

    static final String SESSION_SCHEDULED = "session_scheduled";
    static final String SESSION_COMPLETED = "session_completed";
    static final String SESSION_CANCELLED = "session_cancelled";
    static final String SESSION_NO_SHOW = "session_no_show";
    static final String STUDENT_TAUGHT = "student_taught";
    static final String BOOKING_CONFIRMED = "booking_confirmed";
    static final String BOOKING_CANCELLED = "booking_cancelled";
    static final String EARNING = "earning";
    static final String REVIEW = "review";

    static Fact session(String kind, String sessionId, long tutorId, Instant startsAt, Integer durationMinutes) {
        return new Fact(kind, sessionId, tutorId, startsAt, sessionId, null, null, null, null, null, null,
                durationMinutes, null, false);
    }

    static Fact taught(String sessionId, long tutorId, long studentId, Instant startsAt) {
        return new Fact(STUDENT_TAUGHT, sessionId + ":" + studentId, tutorId, startsAt, sessionId, null, studentId,
                null, null, null, null, null, null, false);
    }

    static Fact booking(String kind, String bookingId, String sessionId, long tutorId, long studentId, Instant startsAt,
                        Long priceMinor, String currency) {
        return new Fact(kind, bookingId, tutorId, startsAt, sessionId, bookingId, studentId, priceMinor, null, null,
                currency, null, null, false);
    }

    static Fact earning(String bookingId, String sessionId, long tutorId, long studentId, Instant releasedAt,
                        long grossMinor, long commissionMinor, long netMinor, String currency) {
        return new Fact(EARNING, bookingId, tutorId, releasedAt, sessionId, bookingId, studentId, grossMinor,
                commissionMinor, netMinor, currency, null, null, false);
    }

    static Fact review(long reviewId, String sessionId, long tutorId, long studentId, Instant at, int rating,
                       boolean hidden) {
        return new Fact(REVIEW, Long.toString(reviewId), tutorId, at, sessionId, null, studentId, null, null, null,
                null, null, rating, hidden);
    }
}
