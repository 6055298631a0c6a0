package io.coachwork.notification.push;

import io.coachwork.notification.inbox.InboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/notifications}: a socket for one user (authenticated at the handshake) that receives
 * every notification pushed to them while it is open, whichever replica handled it. It first says
 * {@code connection:ready} with the unread count, once its subscriptions are in place, so a client
 * knows from then on nothing is missed in real time. Messages from the client are ignored. The
 * socket closes with 1008 (policy violation) when the token it was opened with expires.
 */
@Component
public class NotificationSocketHandler implements UserSocketHandler {

    public static final String PATH = "/ws/notifications";
    public static final String READY_EVENT = "connection:ready";

    private final PushRegistry registry;
    private final PushFanout fanout;
    private final InboxRepository inbox;
    private final JsonMapper json;
    private final Clock clock;

    public NotificationSocketHandler(PushRegistry registry, PushFanout fanout, InboxRepository inbox, JsonMapper json,
                                     Clock clock) {
        this.registry = registry;
        this.fanout = fanout;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, SocketUser user) {
        // Subscribed in order: the registry first, then the fan-out (pushes from other replicas), so
        // the greeting only goes out once pushes from anywhere are received.
        long userId = user.userId();
        Flux<String> pushes = registry.connect(userId).doFinally(signal -> fanout.unfollow(userId));
        Flux<String> outbound = Flux.merge(pushes, fanout.follow(userId).then(ready(userId)));
        Mono<Void> send = session.send(outbound.map(session::textMessage));
        Mono<Void> clientGone = session.receive().then();
        return Mono.firstWithSignal(send, clientGone, expiry(session, user.tokenExpiresAt()));
    }

    private Mono<String> ready(long userId) {
        return inbox.unreadCount(userId).map(unread -> {
            ObjectNode data = json.createObjectNode().put("user_id", userId).put("unread_count", unread);
            return json.writeValueAsString(new PushMessage(READY_EVENT, data, null, clock.instant()));
        });
    }

    /**
     * Token validity is judged on wall-clock time by the JWT decoder at the handshake, so its end is
     * measured on the same clock here rather than on the application's (movable) clock.
     */
    private static Mono<Void> expiry(WebSocketSession session, Instant expiresAt) {
        if (expiresAt == null) {
            return Mono.never();
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left)
                .then(session.close(CloseStatus.POLICY_VIOLATION.withReason("Token expired")));
    }
}
