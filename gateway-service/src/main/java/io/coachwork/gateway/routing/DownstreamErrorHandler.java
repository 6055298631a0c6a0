package io.coachwork.gateway.routing;

import io.coachwork.platform.observability.TraceScope;
import io.coachwork.platform.web.ApiErrorWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Names the service when a proxied call fails for want of it: 503 "wallet-service is unavailable"
 * when it cannot be reached (refused, unknown host, connect timeout, connection dropped before an
 * answer), 504 when it does not answer within the response timeout. Runs before the platform's
 * {@code ApiErrorHandler} (order -2), which handles everything else. A service that closes the
 * connection while the body is still being sent has refused it (413), it is not unavailable.
 */
public class DownstreamErrorHandler implements WebExceptionHandler, Ordered {

    /** Route metadata key holding the downstream service's name. */
    public static final String SERVICE_METADATA = "service";
    private static final Logger log = LoggerFactory.getLogger(DownstreamErrorHandler.class);

    private final ApiErrorWriter errors;

    public DownstreamErrorHandler(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return -3;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return Mono.error(ex);
        }
        String service = String.valueOf(route.getMetadata().getOrDefault(SERVICE_METADATA, route.getId()));
        if (isTimeout(ex)) {
            return answer(exchange, HttpStatus.GATEWAY_TIMEOUT, service + " did not respond in time. Please retry shortly.",
                    () -> log.warn("{} {}: {} did not answer in time", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), service));
        }
        if (closedWhileSendingBody(ex)) {
            // The service is up: it answered (a refusal) before reading the whole body and closed, as
            // the platform does with a body over its limit. Its answer is lost, but it is not a 503.
            return answer(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    service + " refused the request body. Please send a smaller request.",
                    () -> log.info("{} {}: {} closed the connection while the request body was being sent",
                            exchange.getRequest().getMethod(), exchange.getRequest().getPath(), service));
        }
        if (isUnreachable(ex)) {
            return answer(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable. Please retry shortly.",
                    () -> log.warn("{} {}: {} is unavailable ({})", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), service, ex.toString()));
        }
        return Mono.error(ex);
    }

    /** Logs inside the request's trace (Reactor restores no thread locals here), then answers in the envelope. */
    private Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String message, Runnable logLine) {
        return TraceScope.run(logLine).then(errors.write(exchange.getResponse(), status, message));
    }

    private static boolean isTimeout(Throwable ex) {
        return ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()
                || hasCause(ex, TimeoutException.class)
                || hasCause(ex, org.springframework.cloud.gateway.support.TimeoutException.class);
    }

    private static boolean closedWhileSendingBody(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PrematureCloseException && t.getMessage() != null
                    && t.getMessage().contains("while sending request body")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable ex) {
        // Netty's ConnectTimeoutException is a ConnectException too.
        return hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)
                || hasCause(ex, NoRouteToHostException.class) || hasCause(ex, PrematureCloseException.class)
                || hasCause(ex, ClosedChannelException.class);
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
