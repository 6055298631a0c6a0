package io.coachwork.scheduling.review;

import java.math.BigDecimal;
import java.util.Map;

/** Request bodies. Numbers arrive as {@link BigDecimal} so a huge or fractional one is refused naming its field. */
public final class ReviewRequests {

    private ReviewRequests() {
    }

    /** POST /api/teaching/reviews. */
    public record ReviewSubmission(String sessionId, BigDecimal rating, Map<String, BigDecimal> categories, String comment) {
    }

    /** POST /api/teaching/reviews/{id}/response. */
    public record ReviewAnswer(String response) {
    }

    /** POST /api/admin/teaching/reviews/{id}/hide and /unhide. */
    public record ReviewModeration(String reason) {
    }
}
