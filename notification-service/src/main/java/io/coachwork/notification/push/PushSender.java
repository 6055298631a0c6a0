package io.coachwork.notification.push;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pushes a message to every socket of a user, whichever instance holds it: this instance's own
 * sockets directly (no round trip), the others' through the {@link PushFanout}.
 */
@Component
public class PushSender {

    private final PushRegistry registry;
    private final PushFanout fanout;

    public PushSender(PushRegistry registry, PushFanout fanout) {
        this.registry = registry;
        this.fanout = fanout;
    }

    /** Where each of the users can be pushed to; only those without a socket here are looked up elsewhere. */
    public Mono<Map<Long, Presence>> presence(Set<Long> userIds) {
        Set<Long> away = userIds.stream().filter(id -> !registry.isConnected(id)).collect(Collectors.toSet());
        Mono<PushFanout.Reach> elsewhere = away.isEmpty() ? Mono.just(new PushFanout.Reach(Set.of(), true))
                : fanout.connectedElsewhere(away);
        return elsewhere.map(reach -> {
            Map<Long, Presence> presence = new HashMap<>();
            for (Long id : userIds) {
                presence.put(id, !away.contains(id) || reach.connected().contains(id) ? Presence.CONNECTED
                        : reach.complete() ? Presence.OFFLINE : Presence.NOT_HERE);
            }
            return presence;
        });
    }

    /** Delivers to the user's sockets here, then hands the message to the other instances. */
    public void send(long userId, String message) {
        registry.publish(userId, message);
        fanout.publish(userId, message);
    }
}
