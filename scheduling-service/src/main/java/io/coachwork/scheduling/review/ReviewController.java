package io.coachwork.scheduling.review;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reviews (seed 001). Paths sit under /api/teaching/reviews and /api/teaching/tutors/{id}/reviews
 * because the gateway sends /api/teaching/sessions/** to session-service.
 */
@RestController
public class ReviewController {

    private final ReviewService reviews;

    public ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/api/teaching/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<ReviewViews.OwnReview>> submitReview(@RequestBody(required = false) ReviewRequests.ReviewSubmission request,
                                                     CurrentUser student) {
        return reviews.submit(student, request).map(r -> ApiResponse.ok("Review submitted", ReviewViews.OwnReview.of(r)));
    }

    @GetMapping("/api/teaching/reviews/my")
    public Mono<ApiResponse<ReviewViews.OwnReviewPage>> myReviews(@RequestParam(required = false) String page,
                                                       @RequestParam(required = false) String limit,
                                                       CurrentUser student) {
        return reviews.written(student, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/teaching/reviews/received")
    public Mono<ApiResponse<ReviewViews.OwnReviewPage>> receivedReviews(@RequestParam(required = false) String page,
                                                           @RequestParam(required = false) String limit,
                                                           CurrentUser tutor) {
        return reviews.received(tutor, page, limit).map(ApiResponse::ok);
    }

    @PostMapping("/api/teaching/reviews/{id}/response")
    public Mono<ApiResponse<ReviewViews.OwnReview>> answerReview(@PathVariable long id,
                                                      @RequestBody(required = false) ReviewRequests.ReviewAnswer answer,
                                                      CurrentUser tutor) {
        return reviews.respond(tutor, id, answer).map(r -> ApiResponse.ok("Response published", ReviewViews.OwnReview.of(r)));
    }

    @GetMapping("/api/teaching/tutors/{id}/reviews")
    public Mono<ApiResponse<ReviewViews.TutorReviews>> tutorReviews(@PathVariable long id,
                                                                @RequestParam(required = false) String page,
                                                                @RequestParam(required = false) String limit) {
        return reviews.forTutor(id, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/reviews")
    public Mono<ApiResponse<ReviewViews.AdminReviewPage>> allReviews(@RequestParam(required = false) String hidden,
                                                        @RequestParam(name = "tutor_id", required = false) String tutorId,
                                                        @RequestParam(required = false) String page,
                                                        @RequestParam(required = false) String limit) {
        return reviews.all(hidden, tutorId, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/reviews/{id}")
    public Mono<ApiResponse<ReviewViews.AdminReviewDetail>> reviewDetail(@PathVariable long id) {
        return reviews.detail(id).map(ApiResponse::ok);
    }

    @PostMapping("/api/admin/teaching/reviews/{id}/hide")
    public Mono<ApiResponse<ReviewViews.AdminReview>> hideReview(@PathVariable long id,
                                                     @RequestBody(required = false) ReviewRequests.ReviewModeration decision,
                                                     CurrentUser admin) {
        return reviews.hide(admin, id, decision).map(r -> ApiResponse.ok("Review hidden", ReviewViews.AdminReview.of(r)));
    }

    @PostMapping("/api/admin/teaching/reviews/{id}/unhide")
    public Mono<ApiResponse<ReviewViews.AdminReview>> unhideReview(@PathVariable long id,
                                                       @RequestBody(required = false) ReviewRequests.ReviewModeration decision,
                                                       CurrentUser admin) {
        return reviews.unhide(admin, id, decision).map(r -> ApiResponse.ok("Review visible again", ReviewViews.AdminReview.of(r)));
    }
}
