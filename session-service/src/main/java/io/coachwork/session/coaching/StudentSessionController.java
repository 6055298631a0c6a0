package io.coachwork.session.coaching;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.stream.JoinToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The coaching sessions a student is invited to, and their join tokens (participants only). */
@RestController
@RequestMapping("/api/student/coaching/sessions")
public class StudentSessionController {

    private final CoachingSessionService sessions;

    public StudentSessionController(CoachingSessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    public Mono<ApiResponse<SessionViews.StudentSessionPage>> list(@RequestParam(required = false) String status,
                                                                   @RequestParam(required = false) String page,
                                                                   @RequestParam(required = false) String limit,
                                                                   CurrentUser student) {
        return sessions.studentSessions(student.id(), status, page, limit).map(ApiResponse::ok);
    }

    @PostMapping("/{id}/token")
    public Mono<ApiResponse<JoinToken>> token(@PathVariable long id, CurrentUser student) {
        return sessions.studentToken(student.id(), id).map(ApiResponse::ok);
    }
}
