package io.coachwork.session.coaching;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.stream.JoinToken;
import io.coachwork.session.stream.StreamProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 000's coaching-session endpoints for the calling tutor, who sees and changes only their own sessions. */
@RestController
@RequestMapping("/api/marketplace/tutor/coaching/sessions")
public class CoachingSessionController {

    static final String CREATED = "Coaching session created successfully";
    static final String PENDING = "Coaching session is being created; hours are being reserved";
    static final int MAX_STUDENTS_PER_REQUEST = 100;
    static final String POSITIVE_IDS = "student_ids must be positive ids";

    private final CoachingSessionService sessions;
    private final StreamProperties stream;

    public CoachingSessionController(CoachingSessionService sessions, StreamProperties stream) {
        this.sessions = sessions;
        this.stream = stream;
    }

    /** Times are strings so that a malformed one gets its own message rather than a generic JSON error. */
    public record CreateRequest(
            @NotBlank(message = "title is required")
            @Size(max = 200, message = "title must be at most 200 characters") String title,
            @Size(max = 5000, message = "description must be at most 5000 characters") String description,
            String startTime,
            String endTime,
            @Size(max = MAX_STUDENTS_PER_REQUEST, message = "student_ids can list at most 100 students")
            List<@NotNull(message = POSITIVE_IDS) @Positive(message = POSITIVE_IDS) Long> studentIds) {
    }

    public record InviteRequest(
            @NotEmpty(message = "student_ids must list at least one student")
            @Size(max = MAX_STUDENTS_PER_REQUEST, message = "student_ids can list at most 100 students")
            List<@NotNull(message = POSITIVE_IDS) @Positive(message = POSITIVE_IDS) Long> studentIds) {
    }

    @PostMapping
    public Mono<ResponseEntity<ApiResponse<SessionViews.Created>>> create(@Valid @RequestBody CreateRequest request,
                                                                          CurrentUser tutor) {
        return sessions.create(tutor.id(), new CoachingSessionService.NewSession(request.title(), request.description(),
                        request.startTime(), request.endTime(), request.studentIds()))
                .map(c -> {
                    SessionViews.Created view = SessionViews.Created.of(c.session(),
                            stream.viewLink(c.session().streamCallId()), c.studentCount());
                    return c.session().status() == SessionStatus.PENDING
                            ? ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(PENDING, view))
                            : ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok(CREATED, view));
                });
    }

    @GetMapping
    public Mono<ApiResponse<SessionViews.SessionPage>> list(@RequestParam(required = false) String status,
                                                            @RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit,
                                                            CurrentUser tutor) {
        return sessions.list(tutor.id(), status, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/{id}")
    public Mono<ApiResponse<SessionViews.Detail>> detail(@PathVariable long id, CurrentUser tutor) {
        return sessions.detail(tutor.id(), id).map(ApiResponse::ok);
    }

    @PostMapping("/{id}/invite")
    public Mono<ApiResponse<SessionViews.Invited>> invite(@PathVariable long id, @Valid @RequestBody InviteRequest request,
                                                          CurrentUser tutor) {
        return sessions.invite(tutor.id(), id, request.studentIds())
                .map(invited -> ApiResponse.ok("Students invited successfully", invited));
    }

    @PostMapping("/{id}/start")
    public Mono<ApiResponse<SessionViews.Started>> start(@PathVariable long id, CurrentUser tutor) {
        return sessions.start(tutor.id(), id).map(s -> ApiResponse.ok("Session started successfully", s));
    }

    /** 200 once the wallet has settled the used hours; 202 when it has not answered within the saga wait. */
    @PostMapping("/{id}/end")
    public Mono<ResponseEntity<ApiResponse<SessionViews.Ended>>> end(@PathVariable long id, CurrentUser tutor) {
        return sessions.end(tutor.id(), id).map(a -> a.walletDone()
                ? ResponseEntity.ok(ApiResponse.ok("Session ended successfully", a.view()))
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(
                "Session ended; the hours used are being settled", a.view())));
    }

    @PostMapping("/{id}/token")
    public Mono<ApiResponse<JoinToken>> token(@PathVariable long id, CurrentUser tutor) {
        return sessions.tutorToken(tutor.id(), id).map(ApiResponse::ok);
    }

    /** 200 once the wallet has returned the hours; 202 when it has not answered within the saga wait. */
    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<ApiResponse<SessionViews.Cancelled>>> cancel(@PathVariable long id, CurrentUser tutor) {
        return sessions.cancel(tutor.id(), id).map(a -> a.walletDone()
                ? ResponseEntity.ok(ApiResponse.ok("Session cancelled successfully", a.view()))
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(
                "Session cancelled; its hours are being returned", a.view())));
    }
}
