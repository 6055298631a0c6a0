package io.coachwork.scheduling.booking;

import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Booking jobs on demand: admins with a JWT, external schedulers with the cron secret. */
@RestController
public class BookingJobsController {

    private final HoldExpiryJob holds;
    private final SagaEngine engine;

    public BookingJobsController(HoldExpiryJob holds, SagaEngine engine) {
        this.holds = holds;
        this.engine = engine;
    }

    @PostMapping("/api/admin/teaching/jobs/hold-expiry")
    public Mono<ApiResponse<HoldExpiryJob.Report>> expireAsAdmin() {
        return holds.run().map(r -> ApiResponse.ok("Hold expiry completed", r));
    }

    @GetMapping("/api/cron/scheduling/hold-expiry")
    public Mono<ApiResponse<HoldExpiryJob.Report>> expireFromCron() {
        return expireAsAdmin();
    }

    @PostMapping("/api/admin/teaching/jobs/saga-resend")
    public Mono<ApiResponse<SagaEngine.Recovery>> resendAsAdmin() {
        return engine.recover().map(r -> ApiResponse.ok("Saga resend completed", r));
    }

    @GetMapping("/api/cron/scheduling/saga-resend")
    public Mono<ApiResponse<SagaEngine.Recovery>> resendFromCron() {
        return resendAsAdmin();
    }
}
