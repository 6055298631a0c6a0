package io.coachwork.scheduling.profile;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.TextHygiene;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The calling tutor's own profile and application (seed 003), and the admins' review of applications. */
@RestController
public class ProfileController {

    private final ProfileService profiles;
    private final JsonMapper json;

    public ProfileController(ProfileService profiles, JsonMapper json) {
        this.profiles = profiles;
        this.json = json;
    }

    @GetMapping("/api/teaching/profile")
    public Mono<ApiResponse<ProfileViews.Own>> own(CurrentUser tutor) {
        return profiles.own(tutor).map(p -> ApiResponse.ok(ProfileViews.Own.of(p)));
    }

    @PutMapping("/api/teaching/profile")
    public Mono<ApiResponse<ProfileViews.Own>> update(@RequestBody JsonNode body, CurrentUser tutor) {
        return profiles.update(tutor, edit(body)).map(p -> ApiResponse.ok("Profile updated successfully", ProfileViews.Own.of(p)));
    }

    /** Read here rather than by the codec, so a value of the wrong type is refused naming its field. */
    private ProfileEdit edit(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("The profile must be a JSON object");
        }
        try {
            return json.treeToValue(body, ProfileEdit.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "profile" : e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : Integer.toString(ref.getIndex()))
                    .collect(Collectors.joining("."));
            throw ApiException.invalidField(field, field + (TextHygiene.refusedByCodec(e)
                    ? " must not contain control characters" : " has the wrong type"));
        }
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
