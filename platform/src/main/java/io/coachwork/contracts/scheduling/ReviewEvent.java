package io.coachwork.contracts.scheduling;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Payload of {@code coachwork.scheduling.review.published/hidden/unhidden} (key = tutor id): a session
 * review and the tutor's average ({@code tutorRating}, two decimals, null without visible reviews) and
 * visible review count after it. {@code categories} holds the category ratings given (knowledge,
 * communication, punctuality, value); {@code actorId} and {@code reason} are the moderating admin's.
 */
public record ReviewEvent(long reviewId, String sessionId, long tutorId, long studentId, int rating,
                          Map<String, Integer> categories, String comment, boolean hidden, BigDecimal tutorRating,
                          int tutorReviewCount, Long actorId, String reason, Instant occurredAt) {
}
