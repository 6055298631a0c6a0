package io.coachwork.notification.push;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/** A socket handler that serves one authenticated user; {@link TokenHandshake} hands it the user. */
interface UserSocketHandler extends WebSocketHandler {

    Mono<Void> handle(WebSocketSession session, SocketUser user);

    /** Reached only if a socket was opened without the token check: refuse it. */
    @Override
    default Mono<Void> handle(WebSocketSession session) {
        return session.close(CloseStatus.POLICY_VIOLATION.withReason("Not authenticated"));
    }
}
