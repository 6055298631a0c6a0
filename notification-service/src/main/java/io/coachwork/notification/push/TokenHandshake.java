package io.coachwork.notification.push;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiErrorWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks the JWT before a socket is upgraded: browsers cannot set headers on a WebSocket
 * handshake, so the token comes as {@code ?access_token=} (an Authorization header works too).
 * It is validated with the same decoder as every API call; a missing or invalid token refuses the
 * upgrade with 401 in the API envelope, so no unauthenticated socket is ever opened.
 */
class TokenHandshake implements WebSocketService {

    static final String TOKEN_PARAMETER = "access_token";

    private final HandshakeWebSocketService delegate;
    private final ReactiveJwtDecoder decoder;
    private final ApiErrorWriter errors;

    TokenHandshake(ReactiveJwtDecoder decoder, ApiErrorWriter errors) {
        this.delegate = new HandshakeWebSocketService();
        this.decoder = decoder;
        this.errors = errors;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        String token = token(exchange.getRequest());
        if (token == null) {
            return errors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
                    "Authentication required: connect with ?" + TOKEN_PARAMETER + "=<token>");
        }
        return decoder.decode(token)
                .map(CheckedToken::valid)
                .onErrorResume(JwtException.class, e -> Mono.just(CheckedToken.INVALID))
                .flatMap(checked -> {
                    if (checked.jwt() == null) {
                        return errors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "Invalid or expired token");
                    }
                    SocketUser user = new SocketUser(CurrentUser.from(checked.jwt()).id(), checked.jwt().getExpiresAt());
                    WebSocketHandler bound = handler instanceof UserSocketHandler forUser
                            ? session -> forUser.handle(session, user) : handler;
                    return delegate.handleRequest(exchange, bound);
                });
    }

    private record CheckedToken(Jwt jwt) {

        static final CheckedToken INVALID = new CheckedToken(null);

        static CheckedToken valid(Jwt jwt) {
            return new CheckedToken(jwt);
        }
    }

    private static String token(ServerHttpRequest request) {
        String query = request.getQueryParams().getFirst(TOKEN_PARAMETER);
        if (query != null && !query.isBlank()) {
            return query.trim();
        }
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return header.substring(7).trim();
        }
        return null;
    }
}
