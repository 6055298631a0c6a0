package io.coachwork.contracts.booking;

import java.time.Instant;

/**
 * Payload of {@code coachwork.booking.waitlist_offered.v1} on {@code coachwork.bookings} (key = booking
 * id of the hold made for the student): a seat freed in a full group slot and the first waiting student
 * holds it until {@code holdExpiresAt}; paying the booking confirms it.
 */
public record WaitlistOffer(String bookingId, long slotId, long tutorId, long studentId, Instant startsAt,
                            Instant endsAt, String timezone, long priceMinor, String currency,
                            Instant holdExpiresAt, Instant occurredAt) {
}
