package io.coachwork.gateway.routing;

import io.coachwork.platform.web.ApiErrorWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bodies larger than the platform accepts answer 413 in the envelope at the edge, before a byte is
 * proxied: a service that refuses a large body closes its connection early, which the gateway used
 * to report as "unavailable". A declared Content-Length is checked up front; a chunked body is
 * counted as it streams and fails with {@link DataBufferLimitException} (413 from the platform's
 * error handler) once it passes the limit.
 */
public class RequestSizeLimitFilter implements WebFilter, Ordered {

    private final ApiErrorWriter errors;
    private final long maxBytes;

    public RequestSizeLimitFilter(ApiErrorWriter errors, long maxBytes) {
        this.errors = errors;
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return errors.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, message());
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException(message()));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private String message() {
        return "Request body is too large (at most " + maxBytes + " bytes)";
    }
}
