package io.coachwork.platform.directory;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.contracts.identity.UserRolesChanged;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.web.TextHygiene;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Keeps the directory current from the {@code identity.users} topic: the identity provider's user
 * events, and the role changes an admin makes (roles_changed), whose revocations every instance
 * then enforces on tokens issued before them.
 */
public class IdentityEventsHandler implements EventHandler {

    private final UserDirectory directory;
    private final RoleRevocations revocations;
    private final RevokedRolesSnapshot snapshot;
    private final EventCodec codec;
    private final Clock clock;

    public IdentityEventsHandler(UserDirectory directory, RoleRevocations revocations, RevokedRolesSnapshot snapshot,
                                 EventCodec codec, Clock clock) {
        this.directory = directory;
        this.revocations = revocations;
        this.snapshot = snapshot;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "user-directory";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.IDENTITY_USERS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (EventTypes.IDENTITY_USER_ROLES_CHANGED.equals(event.type())) {
            return rolesChanged(event);
        }
        if (!EventTypes.IDENTITY_USER_CREATED.equals(event.type()) && !EventTypes.IDENTITY_USER_UPDATED.equals(event.type())) {
            return Mono.empty();
        }
        IdentityUser user = codec.data(event, IdentityUser.class);
        return directory.upsert(new DirectoryUser(user.userId(), user.name(), user.email(),
                user.roles() == null ? Set.of() : Set.copyOf(user.roles()), user.timeZone(),
                event.time() != null ? event.time() : clock.instant()));
    }

    private Mono<Void> rolesChanged(CloudEvent event) {
        UserRolesChanged change = codec.data(event, UserRolesChanged.class);
        Instant at = change.changedAt() != null ? change.changedAt() : event.time() != null ? event.time() : clock.instant();
        Set<String> after = normalized(change.rolesAfter());
        Set<String> revoked = normalized(change.revoked());
        Set<String> granted = normalized(change.granted());
        return directory.replaceRoles(change.userId(), after, at)
                .then(revocations.revoked(change.userId(), revoked, at))
                .then(revocations.granted(change.userId(), granted, at))
                .doOnSuccess(v -> snapshot.applied(change.userId(), revoked, granted, at));
    }

    private static Set<String> normalized(List<String> roles) {
        return roles == null ? Set.of() : roles.stream().filter(r -> r != null)
                .map(r -> TextHygiene.strip(r).trim().toLowerCase()).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
