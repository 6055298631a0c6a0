package io.coachwork.session.teaching.web;

import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.teaching.TeachingJobs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Runs the teaching-session job on demand: admins with a JWT (under /api/admin/session-service, as the
 * gateway sends /api/admin/teaching/** to scheduling-service), external schedulers with the cron secret.
 */
@RestController
public class TeachingJobController {

    private final TeachingJobs jobs;

    public TeachingJobController(TeachingJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/admin/session-service/teaching/jobs/lifecycle")
    public Mono<ApiResponse<TeachingJobs.TeachingJobReport>> runTeachingJobAsAdmin() {
        return jobs.run().map(r -> ApiResponse.ok("Teaching-session job completed", r));
    }

    @GetMapping("/api/cron/session/teaching-lifecycle")
    public Mono<ApiResponse<TeachingJobs.TeachingJobReport>> runTeachingJobFromCron() {
        return runTeachingJobAsAdmin();
    }
}
