package bench.floor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The floor of a WebFlux service over R2DBC: subscription-service's GET (one indexed read of the caller's row,
 * answered as JSON) with nothing else. The caller's id is read from the token unverified; no security chain,
 * observations, validation, directory or tier cache.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BareService {

    private static final Pattern SUBJECT = Pattern.compile("\"sub\":\"(\\d+)\"");

    public static void main(String[] args) {
        SpringApplication.run(BareService.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> subscription(DatabaseClient db) {
        return RouterFunctions.route().GET("/api/marketplace/tutor/subscription", request -> {
            long tutorId = subject(request.headers().firstHeader("Authorization"));
            return db.sql("SELECT * FROM tutor_subscription WHERE tutor_id = :t").bind("t", tutorId)
                    .fetch().one()
                    .map(row -> Map.<String, Object>of("success", true, "data", row))
                    .defaultIfEmpty(Map.of("success", true, "data", Map.of("subscription_tier", "free")))
                    .flatMap(body -> ServerResponse.ok().bodyValue(body));
        }).build();
    }

    private static long subject(String authorization) {
        String token = authorization == null ? "" : authorization.substring(authorization.indexOf(' ') + 1);
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return 0;
        }
        Matcher subject = SUBJECT.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return subject.find() ? Long.parseLong(subject.group(1)) : 0;
    }
}
