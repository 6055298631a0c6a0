package io.coachwork.session.teaching.web;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.teaching.TeachingSessionService;
import io.coachwork.session.teaching.TeachingViews;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Seed 002 §8's session endpoints served by session-service (booking, the lists and cancel are
 * scheduling-service's): details, start and complete, and joining the video call. Only the tutor and
 * the session's booked students see a session; anyone else gets 404.
 */
@RestController
@RequestMapping("/api/teaching/sessions")
public class TeachingSessionController {

    private final TeachingSessionService sessions;

    public TeachingSessionController(TeachingSessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/{id}")
    public Mono<ApiResponse<TeachingViews.TeachingSessionView>> teachingSession(@PathVariable String id, CurrentUser user) {
        return sessions.detail(id, user.id()).map(ApiResponse::ok);
    }

    @PatchMapping("/{id}/start")
    public Mono<ApiResponse<TeachingViews.TeachingSessionView>> startTeachingSession(@PathVariable String id, CurrentUser user) {
        return sessions.start(id, user.id()).map(d -> ApiResponse.ok("Session started", d));
    }

    @PatchMapping("/{id}/complete")
    public Mono<ApiResponse<TeachingViews.TeachingSessionView>> completeTeachingSession(@PathVariable String id, CurrentUser user) {
        return sessions.complete(id, user.id()).map(d -> ApiResponse.ok(
                "COMPLETED".equals(d.status()) ? "Session completed" : "Session closed: no student joined", d));
    }

    /** A video token and a join row; 503 when video is not configured. */
    @PostMapping("/{id}/join")
    public Mono<ApiResponse<TeachingViews.TeachingJoin>> joinTeachingSession(@PathVariable String id, CurrentUser user) {
        return sessions.join(id, user.id()).map(j -> ApiResponse.ok("Joined the session", j));
    }

    @PostMapping("/{id}/leave")
    public Mono<ApiResponse<TeachingViews.TeachingLeave>> leaveTeachingSession(@PathVariable String id, CurrentUser user) {
        return sessions.leave(id, user.id()).map(l -> ApiResponse.ok("Left the session", l));
    }
}
