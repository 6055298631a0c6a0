package io.coachwork.subscription.usage;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.subscription.tier.ResourceKind;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The limit check other systems call before creating a course, download, community or
 * membership. Tutors may check for themselves; admins and system callers (role {@code service})
 * for any tutor. Always 200: {@code allowed} carries the answer.
 */
@RestController
public class LimitCheckController {

    public static final String SERVICE_ROLE = "service";

    private final LimitsService limits;

    public LimitCheckController(LimitsService limits) {
        this.limits = limits;
    }

    @GetMapping("/api/subscription/limits/check")
    public Mono<ApiResponse<LimitCheck>> check(@RequestParam(required = false) String resource,
                                               @RequestParam(name = "tutor_id", required = false) Long tutorId,
                                               @RequestParam(required = false, defaultValue = "1") int quantity,
                                               CurrentUser caller) {
        ResourceKind kind = ResourceKind.byKey(resource == null ? "" : resource).orElseThrow(() -> ApiException.invalidField(
                "resource", "resource must be one of: " + Arrays.stream(ResourceKind.values()).map(ResourceKind::key)
                        .collect(Collectors.joining(", "))));
        if (quantity < 1) {
            throw ApiException.invalidField("quantity", "quantity must be at least 1");
        }
        boolean trusted = caller.isAdmin() || caller.hasRole(SERVICE_ROLE);
        long tutor = tutorId == null ? caller.id() : tutorId;
        if (!trusted && (tutor != caller.id() || !caller.hasRole(CurrentUser.TUTOR))) {
            throw ApiException.forbidden("Tutors may only check their own limits");
        }
        return limits.check(tutor, kind, quantity).map(ApiResponse::ok);
    }
}
