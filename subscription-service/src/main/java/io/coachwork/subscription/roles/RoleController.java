package io.coachwork.subscription.roles;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Role management (seed 004): admins grant and revoke roles with a reason and read the audit;
 * every user reads their own roles. /api/admin/** is for admin and super_admin (route rules);
 * who may change which role is {@link RoleRules}.
 */
@RestController
public class RoleController {

    private final RoleAdministration administration;

    public RoleController(RoleAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/api/admin/users/{id}/roles")
    public Mono<ApiResponse<RoleViews.UserRoles>> roles(@PathVariable String id) {
        return Mono.fromCallable(() -> userId(id)).flatMap(administration::get).map(ApiResponse::ok);
    }

    @PostMapping("/api/admin/users/{id}/roles")
    public Mono<ApiResponse<RoleViews.Changed>> grant(@PathVariable String id, @RequestBody RoleViews.GrantRequest request,
                                                      CurrentUser admin) {
        return Mono.fromCallable(() -> userId(id))
                .flatMap(user -> administration.change(RoleRules.Action.GRANT, admin, user, request.role(), request.reason()))
                .map(changed -> ApiResponse.ok("Role " + changed.change().role() + " granted to user " + changed.userId()
                        + "; it takes effect in the user's next token", changed));
    }

    @PostMapping("/api/admin/users/{id}/roles/{role}/revoke")
    public Mono<ApiResponse<RoleViews.Changed>> revoke(@PathVariable String id, @PathVariable String role,
                                                       @RequestBody RoleViews.RevokeRequest request, CurrentUser admin) {
        return Mono.fromCallable(() -> userId(id))
                .flatMap(user -> administration.change(RoleRules.Action.REVOKE, admin, user, role, request.reason()))
                .map(changed -> ApiResponse.ok("Role " + changed.change().role() + " revoked from user " + changed.userId()
                        + "; tokens issued before now no longer carry it", changed));
    }

    @GetMapping("/api/admin/roles/audit")
    public Mono<ApiResponse<RoleViews.AuditPage>> audit(@RequestParam(name = "user_id", required = false) String userId,
                                                        @RequestParam(required = false) String page,
                                                        @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(query -> administration.audit(userId == null || userId.isBlank() ? null : userIdFilter(userId), query))
                .map(ApiResponse::ok);
    }

    @GetMapping("/api/user/role")
    public Mono<ApiResponse<RoleViews.MyRoles>> mine(CurrentUser user) {
        return administration.mine(user).map(ApiResponse::ok);
    }

    private static long userId(String raw) {
        try {
            long id = Long.parseLong(raw.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("User not found");
    }

    private static long userIdFilter(String raw) {
        try {
            long id = Long.parseLong(raw.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("user_id", "user_id must be a positive whole number");
    }
}
