package io.coachwork.scheduling.review;

import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.review.domain.Review;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reviews as the public, their author, their tutor and admins see them. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /** On a tutor's public page: no student id, only the name they reviewed under. */
    public record PublicReview(long id, String reviewerName, int rating, Map<String, Integer> categories, String comment,
                         String response, Instant respondedAt, Instant createdAt) {
        static PublicReview of(Review r) {
            return new PublicReview(r.id(), r.reviewerName(), r.rating(), r.categories().asMap(), r.comment(), r.response(),
                    r.respondedAt(), r.createdAt());
        }
    }

    /** To the author and the reviewed tutor: whether it is hidden, not why. */
    public record OwnReview(long id, String sessionId, long tutorId, long studentId, String reviewerName, int rating,
                      Map<String, Integer> categories, String comment, String response, Instant respondedAt,
                      boolean hidden, Instant createdAt) {
        static OwnReview of(Review r) {
            return new OwnReview(r.id(), r.sessionId(), r.tutorId(), r.studentId(), r.reviewerName(), r.rating(),
                    r.categories().asMap(), r.comment(), r.response(), r.respondedAt(), r.hidden(), r.createdAt());
        }
    }

    public record AdminReview(long id, String sessionId, long tutorId, long studentId, String reviewerName, int rating,
                        Map<String, Integer> categories, String comment, String response, Instant respondedAt,
                        boolean hidden, String hiddenReason, Instant hiddenAt, Instant createdAt, Instant updatedAt) {
        static AdminReview of(Review r) {
            return new AdminReview(r.id(), r.sessionId(), r.tutorId(), r.studentId(), r.reviewerName(), r.rating(),
                    r.categories().asMap(), r.comment(), r.response(), r.respondedAt(), r.hidden(), r.hiddenReason(),
                    r.hiddenAt(), r.createdAt(), r.updatedAt());
        }
    }

    public record AdminReviewDetail(AdminReview review, List<ReviewRepository.ReviewAuditEntry> audit) {
    }

    /** A tutor's public reviews with their average (two decimals) and count of visible reviews. */
    public record TutorReviews(long tutorId, BigDecimal rating, int reviewCount, List<PublicReview> reviews,
                               Pagination pagination) {
    }

    public record OwnReviewPage(List<OwnReview> reviews, Pagination pagination) {
    }

    public record AdminReviewPage(List<AdminReview> reviews, Pagination pagination) {
    }
}
