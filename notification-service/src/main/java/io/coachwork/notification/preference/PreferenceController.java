package io.coachwork.notification.preference;

import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The caller's email and push choices per kind of notification. The inbox is not switchable: it is
 * the record of what the user was told.
 */
@RestController
@RequestMapping("/api/notifications/preferences")
public class PreferenceController {

    private static final String VALID_TYPES = Arrays.stream(NotificationType.values())
            .map(NotificationType::key).collect(Collectors.joining(", "));

    private final PreferenceRepository preferences;
    private final TransactionalOperator tx;
    private final Clock clock;

    public PreferenceController(PreferenceRepository preferences, TransactionalOperator tx, Clock clock) {
        this.preferences = preferences;
        this.tx = tx;
        this.clock = clock;
    }

    public record Item(String type, boolean email, boolean push) {
    }

    public record PreferencesView(List<Item> preferences) {
    }

    public record Change(@NotBlank(message = "type is required") String type, Boolean email, Boolean push) {
    }

    public record UpdateRequest(@NotNull(message = "preferences is required") List<@Valid @NotNull(message = "preferences must not contain null") Change> preferences) {
    }

    @GetMapping
    public Mono<ApiResponse<PreferencesView>> get(CurrentUser user) {
        return view(user.id()).map(ApiResponse::ok);
    }

    @PutMapping
    public Mono<ApiResponse<PreferencesView>> update(CurrentUser user, @Valid @RequestBody UpdateRequest request) {
        List<Resolved> changes = resolve(request.preferences());
        Instant now = clock.instant();
        Mono<Void> apply = Flux.fromIterable(changes)
                .concatMap(c -> preferences.update(user.id(), c.type(), c.change().email(), c.change().push(), now))
                .then();
        return tx.transactional(apply)
                .then(view(user.id()))
                .map(v -> ApiResponse.ok("Notification preferences updated", v));
    }

    private record Resolved(NotificationType type, Change change) {
    }

    /** Every entry must name a known type once and change at least one channel; otherwise nothing changes. */
    private static List<Resolved> resolve(List<Change> changes) {
        Set<NotificationType> seen = new HashSet<>();
        List<Resolved> resolved = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String field = "preferences[" + i + "]";
            String key = change.type().trim().toLowerCase();
            NotificationType type = NotificationType.byKey(key).orElseThrow(() -> ApiException.invalidField(
                    field + ".type", "Unknown notification type: " + key + ". Valid types: " + VALID_TYPES));
            if (!seen.add(type)) {
                throw ApiException.invalidField(field + ".type", key + " is listed more than once");
            }
            if (change.email() == null && change.push() == null) {
                throw ApiException.invalidField(field, "Set email, push or both for " + key);
            }
            resolved.add(new Resolved(type, change));
        }
        return resolved;
    }

    private Mono<PreferencesView> view(long userId) {
        return preferences.find(List.of(userId)).map(stored -> new PreferencesView(Arrays.stream(NotificationType.values())
                .map(t -> {
                    Preference p = stored.getOrDefault(new PreferenceRepository.Key(userId, t.key()), t.defaults());
                    return new Item(t.key(), p.email(), p.push());
                })
                .toList()));
    }
}
