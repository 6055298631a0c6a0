package io.coachwork.gateway.routing;

import io.coachwork.platform.web.CorrelationIdFilter;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request headers a service receives from the gateway, set in one copy of the request:
 * <ul>
 *   <li>identity comes from the validated JWT only, so any identity header a client claims itself is dropped;</li>
 *   <li>the correlation id is the one the platform's {@link CorrelationIdFilter} chose (the client's if it was
 *       valid, a new one otherwise; it is already on the response), replacing whatever the client sent.</li>
 * </ul>
 * Each {@code RemoveRequestHeader} route filter copied every header of the request once more, seven times per
 * request (docs/performance.md).
 */
public class DownstreamHeadersFilter implements GlobalFilter, Ordered {

    static final List<String> CLAIMED_IDENTITY = List.of("X-User-Id", "X-User-Roles", "X-User-Email", "X-User-Name",
            "X-Tutor-Id", "X-Authenticated-User", "X-Forwarded-User");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String id = exchange.getResponse().getHeaders().getFirst(CorrelationIdFilter.HEADER);
        HttpHeaders received = exchange.getRequest().getHeaders();
        boolean claimsIdentity = CLAIMED_IDENTITY.stream().anyMatch(received::containsHeader);
        if (!claimsIdentity && (id == null || id.equals(received.getFirst(CorrelationIdFilter.HEADER)))) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    CLAIMED_IDENTITY.forEach(headers::remove);
                    if (id != null) {
                        headers.set(CorrelationIdFilter.HEADER, id);
                    }
                })
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
