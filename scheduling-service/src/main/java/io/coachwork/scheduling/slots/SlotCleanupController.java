package io.coachwork.scheduling.slots;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs the slot cleanup on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class SlotCleanupController {

    private final SlotCleanupJob job;

    public SlotCleanupController(SlotCleanupJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/teaching/jobs/slot-cleanup")
    public Mono<ApiResponse<SlotCleanupJob.Report>> runAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Slot cleanup completed", r));
    }

    @GetMapping("/api/cron/scheduling/slot-cleanup")
    public Mono<ApiResponse<SlotCleanupJob.Report>> runFromCron() {
        return runAsAdmin();
    }
}
