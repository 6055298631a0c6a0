package io.coachwork.notification.push;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The open sockets of this instance, as one multicast sink per user: every device a user has
 * connected receives every message. Only this instance's sockets are here; pushes for sockets on
 * other replicas travel through the {@link PushFanout} ({@link PushSender} does both).
 * The inbox is the source of truth: clients load it on connect (the greeting carries the unread
 * count) and after reconnecting, so nothing is lost, only not shown in real time.
 */
@Component
public class PushRegistry {

    private final ConcurrentHashMap<Long, UserChannel> channels = new ConcurrentHashMap<>();

    /** One user's sink and how many of their sockets are open; both change only inside the map's per-key lock. */
    private static final class UserChannel {
        // Best effort: a socket that cannot keep up misses messages rather than holding up the others.
        private final Sinks.Many<String> sink = Sinks.many().multicast().directBestEffort();
        private int connections;
    }

    /** The messages for one socket of {@code userId}; the socket counts as connected while this is subscribed. */
    public Flux<String> connect(long userId) {
        return Flux.defer(() -> {
            UserChannel channel = channels.compute(userId, (id, existing) -> {
                UserChannel c = existing == null ? new UserChannel() : existing;
                c.connections++;
                return c;
            });
            return channel.sink.asFlux().doFinally(signal -> channels.computeIfPresent(userId, (id, c) -> {
                c.connections--;
                return c.connections == 0 ? null : c;
            }));
        });
    }

    public boolean isConnected(long userId) {
        return channels.containsKey(userId);
    }

    /** The users with at least one socket open here. */
    public Set<Long> connectedUsers() {
        return Set.copyOf(channels.keySet());
    }

    /** Sends to every open socket of the user on this instance; nothing happens when there is none. */
    public void publish(long userId, String message) {
        UserChannel channel = channels.get(userId);
        if (channel == null) {
            return;
        }
        // Emissions into one sink must not overlap; pushes for one user arrive from several threads.
        synchronized (channel) {
            channel.sink.tryEmitNext(message);
        }
    }
}
