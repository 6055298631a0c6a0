package io.coachwork.session.rooms;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Linking a Discord account (seed 003). The callback is where Discord sends the browser back, so
 * it needs no token: the signed state says whose link it is.
 */
@RestController
@RequestMapping("/api/teaching/discord")
public class DiscordLinkController {

    static final String CALLBACK = "/api/teaching/discord/callback";

    private final DiscordLinks links;

    public DiscordLinkController(DiscordLinks links) {
        this.links = links;
    }

    @GetMapping("/link")
    public Mono<ApiResponse<DiscordLinks.DiscordAuthorization>> link(CurrentUser user) {
        return Mono.fromSupplier(() -> ApiResponse.ok("Open authorize_url to link your Discord account",
                links.authorize(user.id())));
    }

    @GetMapping("/callback")
    public Mono<ApiResponse<DiscordLinks.DiscordLinkStatus>> callback(@RequestParam(required = false) String code,
                                                           @RequestParam(required = false) String state,
                                                           @RequestParam(required = false) String error,
                                                           Mono<Principal> principal) {
        return principal.filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> Long.parseLong(p.getName()))
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(caller -> links.complete(code, state, error, caller.orElse(null)))
                .map(status -> ApiResponse.ok("Discord account linked", status));
    }

    @GetMapping("/status")
    public Mono<ApiResponse<DiscordLinks.DiscordLinkStatus>> status(CurrentUser user) {
        return links.status(user.id()).map(ApiResponse::ok);
    }

    @DeleteMapping("/link")
    public Mono<ApiResponse<DiscordLinks.DiscordLinkStatus>> unlink(CurrentUser user) {
        return links.unlink(user.id()).map(s -> ApiResponse.ok("Discord account unlinked", s));
    }
}
