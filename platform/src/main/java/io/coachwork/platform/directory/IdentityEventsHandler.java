package io.coachwork.platform.directory;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.time.Clock;
import java.util.Set;
import reactor.core.publisher.Mono;

/** Keeps the directory current from the identity provider's {@code identity.users} topic. */
public class IdentityEventsHandler implements EventHandler {

    private final UserDirectory directory;
    private final EventCodec codec;
    private final Clock clock;

    public IdentityEventsHandler(UserDirectory directory, EventCodec codec, Clock clock) {
        this.directory = directory;
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
        if (!EventTypes.IDENTITY_USER_CREATED.equals(event.type()) && !EventTypes.IDENTITY_USER_UPDATED.equals(event.type())) {
            return Mono.empty();
        }
        IdentityUser user = codec.data(event, IdentityUser.class);
        return directory.upsert(new DirectoryUser(user.userId(), user.name(), user.email(),
                user.roles() == null ? Set.of() : Set.copyOf(user.roles()), user.timeZone(),
                event.time() != null ? event.time() : clock.instant()));
    }
}
