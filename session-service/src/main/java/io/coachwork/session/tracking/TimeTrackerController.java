package io.coachwork.session.tracking;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs the time tracker on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class TimeTrackerController {

    private final TimeTrackerJob job;

    public TimeTrackerController(TimeTrackerJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/coaching/jobs/time-tracker")
    public Mono<ApiResponse<TimeTrackerJob.Report>> runAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Time tracker completed", r));
    }

    @GetMapping("/api/cron/session/time-tracker")
    public Mono<ApiResponse<TimeTrackerJob.Report>> runFromCron() {
        return runAsAdmin();
    }
}
