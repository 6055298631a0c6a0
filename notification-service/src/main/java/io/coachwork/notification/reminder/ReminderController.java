package io.coachwork.notification.reminder;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs the reminder job on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class ReminderController {

    private final ReminderJob job;

    public ReminderController(ReminderJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/notifications/jobs/reminders")
    public Mono<ApiResponse<ReminderJob.Report>> runAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Reminder job completed", r));
    }

    @GetMapping("/api/cron/notification/reminders")
    public Mono<ApiResponse<ReminderJob.Report>> runFromCron() {
        return runAsAdmin();
    }
}
