package io.coachwork.scheduling.review;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The review-request job on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class ReviewJobsController {

    private final ReviewRequestJob job;

    public ReviewJobsController(ReviewRequestJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/teaching/jobs/review-requests")
    public Mono<ApiResponse<ReviewRequestJob.ReviewRequestReport>> requestReviewsAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Review requests completed", r));
    }

    @GetMapping("/api/cron/scheduling/review-requests")
    public Mono<ApiResponse<ReviewRequestJob.ReviewRequestReport>> requestReviewsFromCron() {
        return requestReviewsAsAdmin();
    }
}
