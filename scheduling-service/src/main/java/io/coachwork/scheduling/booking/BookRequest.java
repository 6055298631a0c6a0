package io.coachwork.scheduling.booking;

import java.math.BigDecimal;

/**
 * POST /api/teaching/sessions/book: a slot ({@code slot_id}) or a bookable time of a tutor's schedule
 * ({@code tutor_id}, {@code starts_at} as a UTC instant, {@code duration_minutes}); optionally the
 * subject (priced at its own rate when it has one) and notes with learning goals; {@code package_purchase_id}
 * pays with a credit of a session package instead of a card. Numbers arrive as
 * {@link BigDecimal} so a huge or fractional one is refused naming its field.
 */
public record BookRequest(BigDecimal slotId, BigDecimal tutorId, String startsAt, BigDecimal durationMinutes,
                          String subject, String notes, String packagePurchaseId) {
}
