package io.coachwork.gateway.routing;

import io.coachwork.platform.web.CorrelationIdFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends the correlation id the platform's {@link CorrelationIdFilter} chose (the client's if it was
 * valid, a new one otherwise; it is already on the response) to the downstream service, replacing
 * whatever the client put in the header.
 */
public class CorrelationIdForwardingFilter implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String id = exchange.getResponse().getHeaders().getFirst(CorrelationIdFilter.HEADER);
        if (id == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(CorrelationIdFilter.HEADER, id))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
