package io.coachwork.platform.jobs;

import io.coachwork.platform.web.ApiErrorWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/cron/**}, where an external scheduler runs jobs on demand with
 * {@code Authorization: Bearer <CRON_SECRET>} (seed 003). The JWT resource server ignores these
 * paths; this filter is their only gate.
 */
public class CronSecretFilter implements WebFilter, Ordered {

    public static final String PATHS = "/api/cron/**";
    private static final String PREFIX = "/api/cron/";

    private final String secret;
    private final ApiErrorWriter errors;

    public CronSecretFilter(String secret, ApiErrorWriter errors) {
        this.secret = secret;
        this.errors = errors;
    }

    public static boolean isCronPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value().startsWith(PREFIX);
    }

    @Override
    public int getOrder() {
        // Before Spring Security's chain (-100).
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isCronPath(exchange)) {
            return chain.filter(exchange);
        }
        if (!StringUtils.hasText(secret)) {
            return errors.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    "Cron jobs are not enabled: CRON_SECRET is not configured");
        }
        String header = exchange.getRequest().getHeaders().getFirst("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return errors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "Invalid cron secret");
        }
        return chain.filter(exchange);
    }
}
