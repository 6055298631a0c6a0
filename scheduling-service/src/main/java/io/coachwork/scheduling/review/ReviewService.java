package io.coachwork.scheduling.review;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.review.domain.Review;
import io.coachwork.scheduling.review.domain.ReviewDraft;
import io.coachwork.scheduling.review.domain.ReviewRefused;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seed 001's reviews: a participant of a completed session reviews it once, the tutor answers once,
 * admins hide and unhide with a reason (audited). Every change that moves the tutor's average
 * recounts it in the same transaction, under a lock on the tutor's profile row.
 */
@Service
public class ReviewService {

    static final String NOT_FOUND = "Review not found";
    static final String NOT_COMPLETED = "Only a completed session can be reviewed";
    static final String NOT_PARTICIPANT = "Only a participant of this session can review it";
    static final String ALREADY_REVIEWED = "You have already reviewed this session";

    private final ReviewRepository reviews;
    private final ReviewEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews, ReviewEvents events, TransactionalOperator tx, Clock clock) {
        this.reviews = reviews;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Review> submit(CurrentUser student, ReviewRequests.ReviewSubmission request) {
        return checked(() -> {
            if (request == null) {
                throw ApiException.badRequest("The review must be a JSON object");
            }
            String sessionId = Text.required("session_id", request.sessionId(), 64);
            ReviewDraft draft = ReviewDraft.of(request.rating(), request.categories(), request.comment());
            Instant now = now();
            return tx.transactional(reviews.reviewable(sessionId, student.id())
                    .switchIfEmpty(Mono.defer(() -> reviews.completed(sessionId).flatMap(known -> Mono.error(known
                            ? ApiException.forbidden(NOT_PARTICIPANT) : ApiException.conflict(NOT_COMPLETED)))))
                    .flatMap(pair -> reviews.lockTutor(pair.tutorId())
                            .then(reviews.insert(pair, name(student), draft, now))
                            .switchIfEmpty(Mono.error(ApiException.conflict(ALREADY_REVIEWED)))
                            .flatMap(reviews::find)
                            .flatMap(review -> reviews.recompute(review.tutorId())
                                    .flatMap(after -> events.review(EventTypes.REVIEW_PUBLISHED, review, after, null,
                                            null, now))
                                    .thenReturn(review))));
        });
    }

    public Mono<Review> respond(CurrentUser tutor, long reviewId, ReviewRequests.ReviewAnswer answer) {
        String text = answer == null ? null : answer.response();
        Instant now = now();
        return tx.transactional(reviews.lock(reviewId)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(r -> checked(() -> reviews.update(r.respond(tutor.id(), text, now)))));
    }

    public Mono<Review> hide(CurrentUser admin, long reviewId, ReviewRequests.ReviewModeration decision) {
        String reason = decision == null ? null : decision.reason();
        return moderate(reviewId, r -> r.hide(reason, now()), () -> null, "hidden", EventTypes.REVIEW_HIDDEN, admin);
    }

    public Mono<Review> unhide(CurrentUser admin, long reviewId, ReviewRequests.ReviewModeration decision) {
        String reason = decision == null ? null : decision.reason();
        return moderate(reviewId, r -> r.unhide(now()), () -> Review.unhideReason(reason), "unhidden",
                EventTypes.REVIEW_UNHIDDEN, admin);
    }

    /**
     * Tutor lock, then review lock (the order every writer takes), change, audit with the hiding reason
     * or the given one, recount, announce.
     */
    private Mono<Review> moderate(long reviewId, Function<Review, Review> change, Supplier<String> givenReason,
                                  String action, String type, CurrentUser admin) {
        return tx.transactional(reviews.find(reviewId)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(found -> reviews.lockTutor(found.tutorId()).then(reviews.lock(reviewId)))
                .flatMap(r -> checked(() -> {
                    Review changed = change.apply(r);
                    String reason = changed.hidden() ? changed.hiddenReason() : givenReason.get();
                    return reviews.update(changed)
                            .then(reviews.audit(r.id(), action, admin.id(), reason, changed.updatedAt()))
                            .then(reviews.recompute(r.tutorId()))
                            .flatMap(after -> events.review(type, changed, after, admin.id(), reason, changed.updatedAt()))
                            .thenReturn(changed);
                })));
    }

    public Mono<ReviewViews.TutorReviews> forTutor(long tutorId, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        ReviewRepository.Filter visible = new ReviewRepository.Filter(tutorId, null, false);
        return reviews.aggregate(tutorId).flatMap(a -> reviews.page(visible, query.limit(), query.offset())
                .map(list -> new ReviewViews.TutorReviews(tutorId, a.rating(), a.reviewCount(),
                        list.stream().map(ReviewViews.PublicReview::of).toList(), Pagination.of(a.reviewCount(), query))));
    }

    public Mono<ReviewViews.OwnReviewPage> written(CurrentUser student, String page, String limit) {
        return own(new ReviewRepository.Filter(null, student.id(), null), PageQuery.of(page, limit));
    }

    public Mono<ReviewViews.OwnReviewPage> received(CurrentUser tutor, String page, String limit) {
        return own(new ReviewRepository.Filter(tutor.id(), null, null), PageQuery.of(page, limit));
    }

    private Mono<ReviewViews.OwnReviewPage> own(ReviewRepository.Filter filter, PageQuery query) {
        return reviews.count(filter).flatMap(total -> reviews.page(filter, query.limit(), query.offset())
                .map(list -> new ReviewViews.OwnReviewPage(list.stream().map(ReviewViews.OwnReview::of).toList(),
                        Pagination.of(total, query))));
    }

    public Mono<ReviewViews.AdminReviewPage> all(String hidden, String tutorId, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        ReviewRepository.Filter filter = new ReviewRepository.Filter(id("tutor_id", tutorId), null, flag(hidden));
        return reviews.count(filter).flatMap(total -> reviews.page(filter, query.limit(), query.offset())
                .map(list -> new ReviewViews.AdminReviewPage(list.stream().map(ReviewViews.AdminReview::of).toList(),
                        Pagination.of(total, query))));
    }

    public Mono<ReviewViews.AdminReviewDetail> detail(long reviewId) {
        return reviews.find(reviewId)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(r -> reviews.auditLog(reviewId).collectList()
                        .map(log -> new ReviewViews.AdminReviewDetail(ReviewViews.AdminReview.of(r), log)));
    }

    /** Runs {@code work}, turning a broken domain rule into the matching 4xx. */
    private static <T> Mono<T> checked(Supplier<Mono<T>> work) {
        try {
            return work.get();
        } catch (InvalidInput e) {
            return Mono.error(ApiException.invalidField(e.field(), e.getMessage()));
        } catch (ReviewRefused e) {
            return Mono.error(e.kind() == ReviewRefused.Kind.FORBIDDEN ? ApiException.forbidden(e.getMessage())
                    : ApiException.conflict(e.getMessage()));
        }
    }

    private static Boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField("hidden", "hidden must be true or false");
        };
    }

    private static Long id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidField(field, field + " must be a positive whole number");
    }

    private static String name(CurrentUser user) {
        if (user.name() == null || user.name().isBlank() || user.name().indexOf('\0') >= 0) {
            return null;
        }
        String name = user.name().strip();
        return name.substring(0, Math.min(120, name.length()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
