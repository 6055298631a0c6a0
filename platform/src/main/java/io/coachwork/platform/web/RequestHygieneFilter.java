package io.coachwork.platform.web;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Control characters in the path or a query parameter answer 400 naming the parameter, before any
 * handler could store them (JSON bodies are checked by {@link CleanStringDeserializer}).
 */
public class RequestHygieneFilter implements WebFilter, Ordered {

    private final ApiErrorWriter errors;

    public RequestHygieneFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        // Right after the correlation id, so even this 400 carries one.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!TextHygiene.isClean(exchange.getRequest().getPath().value())) {
            return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "The path must not contain control characters");
        }
        for (Map.Entry<String, List<String>> param : exchange.getRequest().getQueryParams().entrySet()) {
            if (!TextHygiene.isClean(param.getKey()) || !param.getValue().stream().allMatch(TextHygiene::isClean)) {
                String field = TextHygiene.strip(param.getKey());
                String message = field + " must not contain control characters";
                return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, message,
                        List.of(new ApiResponse.FieldError(field, message)));
            }
        }
        return chain.filter(exchange);
    }
}
