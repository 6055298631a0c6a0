package io.coachwork.subscription.renewal;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs the renewal job on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class RenewalController {

    private final RenewalJob job;

    public RenewalController(RenewalJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/subscription/jobs/renewals")
    public Mono<ApiResponse<RenewalJob.Report>> runAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Renewal job completed", r));
    }

    @GetMapping("/api/cron/subscription/renewals")
    public Mono<ApiResponse<RenewalJob.Report>> runFromCron() {
        return runAsAdmin();
    }
}
