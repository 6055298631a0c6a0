/**
 * Bookable time, as plain Java: no Spring, no persistence, time passed in as {@code Instant now}.
 *
 * <p><b>Weekly availability</b> (seeds 001/003/004): a {@link io.coachwork.scheduling.availability.domain.WeeklySchedule}
 * of {@link io.coachwork.scheduling.availability.domain.WeeklyBlock}s in the tutor's zone (overlaps refused,
 * both blocks named; {@link io.coachwork.scheduling.availability.domain.Preset} fills weekdays in one call),
 * combined with {@link io.coachwork.scheduling.availability.domain.DateOverride}s and
 * {@link io.coachwork.scheduling.availability.domain.Holiday}s into an
 * {@link io.coachwork.scheduling.availability.domain.Availability}.
 * {@link io.coachwork.scheduling.availability.domain.SlotGenerator} turns it, the tutor's
 * {@link io.coachwork.scheduling.availability.domain.BookingRules} and their
 * {@link io.coachwork.scheduling.availability.domain.Busy} times (bookings and explicit slots) into ordered
 * {@link io.coachwork.scheduling.availability.domain.BookableTime}s: {@code between(now, from, to, minutes)}
 * for a window, {@code firstAvailable(now, minutes)} for the directory's soonest-free sort and filter.
 *
 * <p><b>Specific-date slots</b> (seed 002): {@link io.coachwork.scheduling.availability.domain.SlotRules#parse}
 * turns a {@link io.coachwork.scheduling.availability.domain.SlotInput} into a well-formed
 * {@link io.coachwork.scheduling.availability.domain.Slot}; {@code checkNew}, {@code checkChange} and
 * {@code checkDelete} apply the past, four-weeks, overlap and immutability rules. A booked generated time is
 * stored as {@code Slot.of(time, zone, type, seats)}; {@code slot.busy()} feeds stored slots back to the generator.
 * {@link io.coachwork.scheduling.availability.domain.Price#of} prices a session from an hourly rate.
 *
 * <p>Every refusal is an {@link io.coachwork.scheduling.availability.domain.AvailabilityRuleViolation} naming the
 * snake_case API field; its kind says 400 (INVALID) or 409 (CONFLICT).
 *
 * <p>Wall-clock rule for DST: a local time means the first moment the tutor's clock reads it (earlier offset in
 * an overlap); a start inside a gap does not exist, a block boundary inside a gap is the moment of the jump.
 */
package io.coachwork.scheduling.availability.domain;
