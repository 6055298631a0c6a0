package io.coachwork.scheduling.profile;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The calling tutor's own profile and application (seed 003), and the admins' review of applications. */
@RestController
public class ProfileController {

    private final ProfileService profiles;

    public ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/teaching/profile")
    public Mono<ApiResponse<ProfileViews.Own>> own(CurrentUser tutor) {
        return profiles.own(tutor).map(p -> ApiResponse.ok(ProfileViews.Own.of(p)));
    }

    @PutMapping("/api/teaching/profile")
    public Mono<ApiResponse<ProfileViews.Own>> update(@RequestBody ProfileEdit edit, CurrentUser tutor) {
        return profiles.update(tutor, edit).map(p -> ApiResponse.ok("Profile updated successfully", ProfileViews.Own.of(p)));
    }

    @PostMapping("/api/teaching/profile/apply")
    public Mono<ApiResponse<ProfileViews.Own>> apply(CurrentUser tutor) {
        return profiles.apply(tutor).map(p -> ApiResponse.ok("Application submitted for review", ProfileViews.Own.of(p)));
    }

    @GetMapping("/api/admin/teaching/applications")
    public Mono<ApiResponse<ProfileService.ApplicationPage>> applications(@RequestParam(required = false) String status,
                                                                          @RequestParam(required = false) String page,
                                                                          @RequestParam(required = false) String limit) {
        return profiles.applications(status, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/teaching/applications/{tutorId}")
    public Mono<ApiResponse<ProfileViews.ApplicationDetail>> application(@PathVariable long tutorId) {
        return profiles.application(tutorId).map(ApiResponse::ok);
    }

    @PostMapping("/api/admin/teaching/applications/{tutorId}/approve")
    public Mono<ApiResponse<ProfileViews.Application>> approve(@PathVariable long tutorId, CurrentUser admin) {
        return profiles.approve(admin, tutorId)
                .map(p -> ApiResponse.ok("Tutor approved", ProfileViews.Application.of(p)));
    }

    @PostMapping("/api/admin/teaching/applications/{tutorId}/reject")
    public Mono<ApiResponse<ProfileViews.Application>> reject(@PathVariable long tutorId,
                                                              @RequestBody(required = false) ProfileService.Decision decision,
                                                              CurrentUser admin) {
        return profiles.reject(admin, tutorId, decision)
                .map(p -> ApiResponse.ok("Tutor rejected", ProfileViews.Application.of(p)));
    }
}
