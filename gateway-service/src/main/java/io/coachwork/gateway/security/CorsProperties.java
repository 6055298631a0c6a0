package io.coachwork.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API ({@code coachwork.cors.*}). Origins may be exact
 * ({@code https://app.example.com}) or patterns ({@code https://*.example.com}); tokens travel in
 * the Authorization header, so credentials (cookies) are off unless asked for.
 */
@ConfigurationProperties("coachwork.cors")
public record CorsProperties(@DefaultValue("http://localhost:3000") List<String> allowedOrigins,
                             @DefaultValue("false") boolean allowCredentials,
                             @DefaultValue("3600") long maxAgeSeconds) {
}
