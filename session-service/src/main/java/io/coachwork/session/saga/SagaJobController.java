package io.coachwork.session.saga;

import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Runs a saga recovery pass (resends, give-ups) on demand under the paths session-service has
 * always had: admins with a JWT, external schedulers with the cron secret.
 */
@RestController
public class SagaJobController {

    private final SagaEngine engine;

    public SagaJobController(SagaEngine engine) {
        this.engine = engine;
    }

    @PostMapping("/api/admin/coaching/jobs/saga-resend")
    public Mono<ApiResponse<SagaEngine.Recovery>> runAsAdmin() {
        return engine.recover().map(r -> ApiResponse.ok("Saga resend completed", r));
    }

    @GetMapping("/api/cron/session/saga-resend")
    public Mono<ApiResponse<SagaEngine.Recovery>> runFromCron() {
        return runAsAdmin();
    }
}
