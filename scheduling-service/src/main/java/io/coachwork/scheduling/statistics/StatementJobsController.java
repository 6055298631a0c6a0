package io.coachwork.scheduling.statistics;

import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The earnings-statement job on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class StatementJobsController {

    private final StatementJob job;

    public StatementJobsController(StatementJob job) {
        this.job = job;
    }

    @PostMapping("/api/admin/teaching/jobs/earnings-statements")
    public Mono<ApiResponse<StatementJob.Report>> makeStatementsAsAdmin() {
        return job.run().map(r -> ApiResponse.ok("Earnings statements completed", r));
    }

    @GetMapping("/api/cron/scheduling/earnings-statements")
    public Mono<ApiResponse<StatementJob.Report>> makeStatementsFromCron() {
        return makeStatementsAsAdmin();
    }
}
