package io.coachwork.scheduling.statistics;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 001's statistics for a coach and for the platform, over a range of days (default the last 30). */
@RestController
public class StatisticsController {

    private final StatisticsService statistics;

    public StatisticsController(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/teaching/statistics")
    public Mono<ApiResponse<StatisticsViews.TutorStatistics>> tutorStatistics(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "tutor_id", required = false) String tutorId, CurrentUser user) {
        return statistics.forTutor(user, tutorId, from, to).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/statistics")
    public Mono<ApiResponse<StatisticsViews.PlatformStatistics>> platformStatistics(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return statistics.platform(from, to).map(ApiResponse::ok);
    }
}
