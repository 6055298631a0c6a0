package io.coachwork.session.saga;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs the saga resend job on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class SagaJobController {

    private final SagaResendJob job;

    public SagaJobController(SagaResendJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/coaching/jobs/saga-resend")
    public Mono<ApiResponse<SagaResendJob.Report>> runAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Saga resend completed", r));
    }

    @GetMapping("/api/cron/session/saga-resend")
    public Mono<ApiResponse<SagaResendJob.Report>> runFromCron() {
        return runAsAdmin();
    }
}
