package io.coachwork.scheduling.review.domain;

import io.coachwork.scheduling.support.Text;
import java.time.Instant;

/**
 * A participant's review of one completed session. The tutor may answer it once; an admin may hide
 * it (with a reason) and show it again. A hidden review leaves the public list and the tutor's average.
 */
public record Review(long id, String sessionId, long studentId, long tutorId, String reviewerName, int rating,
                     ReviewDraft.Categories categories, String comment, String response, Instant respondedAt,
                     boolean hidden, String hiddenReason, Instant hiddenAt, Instant createdAt, Instant updatedAt) {

    public static final int MAX_RESPONSE = 5000;
    public static final int MAX_REASON = 1000;

    /** The tutor's one answer. */
    public Review respond(long userId, String text, Instant now) {
        if (userId != tutorId) {
            throw new ReviewRefused(ReviewRefused.Kind.FORBIDDEN, "Only the reviewed tutor can answer this review");
        }
        String answer = Text.required("response", text, MAX_RESPONSE);
        if (response != null) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "You have already answered this review");
        }
        return new Review(id, sessionId, studentId, tutorId, reviewerName, rating, categories, comment, answer, now,
                hidden, hiddenReason, hiddenAt, createdAt, now);
    }

    public Review hide(String reason, Instant now) {
        String why = Text.required("reason", reason, MAX_REASON);
        if (hidden) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "This review is already hidden");
        }
        return new Review(id, sessionId, studentId, tutorId, reviewerName, rating, categories, comment, response,
                respondedAt, true, why, now, createdAt, now);
    }

    public Review unhide(Instant now) {
        if (!hidden) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "This review is not hidden");
        }
        return new Review(id, sessionId, studentId, tutorId, reviewerName, rating, categories, comment, response,
                respondedAt, false, null, null, createdAt, now);
    }

    /** An optional reason for showing a review again, checked like any other text. */
    public static String unhideReason(String reason) {
        return Text.optional("reason", reason, MAX_REASON);
    }
}
