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
    public Mono<ApiResponse<ReviewViews.Own>> submit(@RequestBody(required = false) ReviewRequests.Submit request,
                                                     CurrentUser student) {
        return reviews.submit(student, request).map(r -> ApiResponse.ok("Review submitted", ReviewViews.Own.of(r)));
    }

    @GetMapping("/api/teaching/reviews/my")
    public Mono<ApiResponse<ReviewViews.OwnPage>> mine(@RequestParam(required = false) String page,
                                                       @RequestParam(required = false) String limit,
                                                       CurrentUser student) {
        return reviews.written(student, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/teaching/reviews/received")
    public Mono<ApiResponse<ReviewViews.OwnPage>> received(@RequestParam(required = false) String page,
                                                           @RequestParam(required = false) String limit,
                                                           CurrentUser tutor) {
        return reviews.received(tutor, page, limit).map(ApiResponse::ok);
    }

    @PostMapping("/api/teaching/reviews/{id}/response")
    public Mono<ApiResponse<ReviewViews.Own>> respond(@PathVariable long id,
                                                      @RequestBody(required = false) ReviewRequests.Answer answer,
                                                      CurrentUser tutor) {
        return reviews.respond(tutor, id, answer).map(r -> ApiResponse.ok("Response published", ReviewViews.Own.of(r)));
    }

    @GetMapping("/api/teaching/tutors/{id}/reviews")
    public Mono<ApiResponse<ReviewViews.TutorReviews>> forTutor(@PathVariable long id,
                                                                @RequestParam(required = false) String page,
                                                                @RequestParam(required = false) String limit) {
        return reviews.forTutor(id, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/reviews")
    public Mono<ApiResponse<ReviewViews.AdminPage>> all(@RequestParam(required = false) String hidden,
                                                        @RequestParam(name = "tutor_id", required = false) String tutorId,
                                                        @RequestParam(required = false) String page,
                                                        @RequestParam(required = false) String limit) {
        return reviews.all(hidden, tutorId, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/reviews/{id}")
    public Mono<ApiResponse<ReviewViews.AdminDetail>> detail(@PathVariable long id) {
        return reviews.detail(id).map(ApiResponse::ok);
    }

    @PostMapping("/api/admin/teaching/reviews/{id}/hide")
    public Mono<ApiResponse<ReviewViews.Admin>> hide(@PathVariable long id,
                                                     @RequestBody(required = false) ReviewRequests.Moderation decision,
                                                     CurrentUser admin) {
        return reviews.hide(admin, id, decision).map(r -> ApiResponse.ok("Review hidden", ReviewViews.Admin.of(r)));
    }

    @PostMapping("/api/admin/teaching/reviews/{id}/unhide")
    public Mono<ApiResponse<ReviewViews.Admin>> unhide(@PathVariable long id,
                                                       @RequestBody(required = false) ReviewRequests.Moderation decision,
                                                       CurrentUser admin) {
        return reviews.unhide(admin, id, decision).map(r -> ApiResponse.ok("Review visible again", ReviewViews.Admin.of(r)));
    }
}
