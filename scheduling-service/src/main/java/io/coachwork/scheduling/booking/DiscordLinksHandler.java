package io.coachwork.scheduling.booking;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.DiscordLinkChanged;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Session-service's Discord link announcements, kept whatever the booking rule says so that turning
 * the rule on later finds the links already known. A repeat is dropped by the inbox; an older
 * announcement arriving late (a dead letter replayed) loses to the newer one.
 */
@Component
public class DiscordLinksHandler implements EventHandler {

    private final DiscordLinkRepository links;
    private final EventCodec codec;

    public DiscordLinksHandler(DiscordLinkRepository links, EventCodec codec) {
        this.links = links;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "scheduling-discord-links";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SESSION_ACCOUNTS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!EventTypes.DISCORD_LINKED.equals(event.type()) && !EventTypes.DISCORD_UNLINKED.equals(event.type())) {
            return Mono.empty();
        }
        DiscordLinkChanged change = codec.data(event, DiscordLinkChanged.class);
        if (change.occurredAt() == null) {
            return Mono.error(new IllegalArgumentException("occurred_at is required"));
        }
        return links.record(change.userId(), change.linked(), change.occurredAt());
    }
}
