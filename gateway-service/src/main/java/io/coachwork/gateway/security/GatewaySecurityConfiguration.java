package io.coachwork.gateway.security;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.security.PlatformSecurityAutoConfiguration;
import io.coachwork.platform.web.ApiErrorWriter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Security at the edge: the platform's chain plus CORS (so a browser's preflight is answered before
 * authentication) and, for {@code /ws/**}, the JWT accepted as {@code ?access_token=}. Declaring
 * this chain replaces the platform's {@code @ConditionalOnMissingBean} one.
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, ObjectProvider<AuthorizationRules> rules,
                                                ApiErrorWriter errors, CorsConfigurationSource corsSource) {
        return PlatformSecurityAutoConfiguration.configure(http, rules, errors, PlatformSecurityAutoConfiguration.bearerTokens(true))
                .cors(cors -> cors.configurationSource(corsSource))
                .build();
    }

    /**
     * The gateway's route guards. Services check the same rules again (and ownership, which only
     * they can); the gateway turns away what is plainly not allowed before it costs a hop.
     */
    @Bean
    AuthorizationRules gatewayRouteRules() {
        return exchanges -> exchanges
                // Stripe cannot send a JWT; wallet-service verifies Stripe's signature instead.
                .pathMatchers("/api/webhooks/**").permitAll()
                // The tutor directory is public; a calendar feed's URL carries its own secret token.
                .pathMatchers(HttpMethod.GET, "/api/teaching/tutors", "/api/teaching/tutors/**", "/api/teaching/calendar/**")
                .permitAll()
                // Discord redirects the browser here without a JWT; session-service checks the signed, single-use state.
                .pathMatchers(HttpMethod.GET, "/api/teaching/discord/callback").permitAll()
                .pathMatchers("/api/marketplace/tutor/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers(HttpMethod.PUT, "/api/admin/coaching/settings", "/api/admin/coaching/settings/**")
                .hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/admin/wallet/adjustments", "/api/admin/wallet/adjustments/**")
                .hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins().stream().map(String::trim)
                .filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
                "X-Correlation-Id"));
        cors.setExposedHeaders(List.of("X-Correlation-Id", HttpHeaders.RETRY_AFTER, "X-RateLimit-Remaining",
                "X-RateLimit-Burst-Capacity", "X-RateLimit-Replenish-Rate"));
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAgeSeconds());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
