package io.coachwork.platform.security;

import io.coachwork.platform.jobs.CronSecretFilter;
import io.coachwork.platform.web.ApiErrorWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * JWT resource-server security, the same in every service: stateless, roles from the {@code roles}
 * claim as {@code ROLE_<role>}, 401/403 in the API envelope, health and API docs open.
 */
@AutoConfiguration(before = {ReactiveWebSecurityAutoConfiguration.class,
        ReactiveOAuth2ResourceServerAutoConfiguration.class})
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtProperties.class)
public class PlatformSecurityAutoConfiguration {

    // Prometheus scrapes without a token; charts and compose keep the port off the public ingress.
    public static final String[] OPEN_PATHS = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};
    public static final String FORBIDDEN_MESSAGE = "You do not have permission to perform this action";
    public static final String REJECTED_MESSAGE =
            "The request URL is malformed (encoded slashes, dot segments and backslashes are not allowed)";
    private static final String WEBSOCKET_PREFIX = "/ws/";

    /**
     * With Spring Security's observations turned off ({@code management.observations.enable.spring.security=false},
     * the platform default), its chain would still wrap every filter, authentication and authorization to
     * make no-op observations (2-3% of the gateway's CPU); this setting leaves them unwrapped.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(properties.jwksUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri()).build();
        } else if (StringUtils.hasText(properties.secret())) {
            byte[] key = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("coachwork.security.jwt.secret must be at least 32 bytes for HS256");
            }
            decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            throw new IllegalStateException(
                    "Set coachwork.security.jwt.secret (HS256) or coachwork.security.jwt.jwks-uri (RS256)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(StringUtils.hasText(properties.issuer())
                ? JwtValidators.createDefaultWithIssuer(properties.issuer()) : JwtValidators.createDefault());
        validators.add(new TokenLifetimeValidator(properties.maxLifetime(), properties.clockSkew(), Clock.systemUTC()));
        validators.add(PlatformSecurityAutoConfiguration::numericSubject);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new CachingJwtDecoder(decoder, Clock.systemUTC());
    }

    private static OAuth2TokenValidatorResult numericSubject(Jwt jwt) {
        String sub = jwt.getSubject();
        if (sub != null && sub.matches("\\d{1,18}")) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "sub must be a numeric user id", null));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityChain(ServerHttpSecurity http, ObjectProvider<AuthorizationRules> rules,
                                                 ApiErrorWriter errors, ObjectProvider<RoleRevocationCheck> revocations) {
        return configure(http, rules, errors, bearerTokens(false), revocations.getIfAvailable(() -> RoleRevocationCheck.NONE))
                .build();
    }

    /**
     * The chain every service uses, open for additions (the gateway adds CORS and WebSocket tokens):
     * stateless, open paths, cron paths left to {@link CronSecretFilter}, the service's rules, then
     * "authenticated"; 401/403 in the envelope.
     */
    public static ServerHttpSecurity configure(ServerHttpSecurity http, ObjectProvider<AuthorizationRules> rules,
                                               ApiErrorWriter errors, ServerAuthenticationConverter bearerTokens) {
        return configure(http, rules, errors, bearerTokens, RoleRevocationCheck.NONE);
    }

    /** As above, taking roles revoked since a token was issued out of it before any rule or handler sees it. */
    public static ServerHttpSecurity configure(ServerHttpSecurity http, ObjectProvider<AuthorizationRules> rules,
                                               ApiErrorWriter errors, ServerAuthenticationConverter bearerTokens,
                                               RoleRevocationCheck revocations) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> errors.write(exchange.getResponse(),
                HttpStatus.UNAUTHORIZED, unauthorizedMessage(presentedToken(exchange)));
        ServerAccessDeniedHandler forbidden = (exchange, e) -> errors.write(exchange.getResponse(),
                HttpStatus.FORBIDDEN, FORBIDDEN_MESSAGE);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(OPEN_PATHS).permitAll();
                    exchanges.pathMatchers(CronSecretFilter.PATHS).permitAll();
                    rules.orderedStream().forEach(r -> r.configure(exchanges));
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(bearerTokens)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter(revocations)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
    }

    /**
     * The {@code roles} claim as {@code ROLE_<role>} authorities, the subject as the name, less the
     * roles revoked since the token was issued: the principal itself carries the reduced
     * {@code roles} claim, so route rules and {@link CurrentUser} agree.
     */
    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesConverter(RoleRevocationCheck revocations) {
        return token -> {
            Jwt jwt = revocations.withoutRevokedRoles(token);
            return Mono.just(new JwtAuthenticationToken(jwt,
                    CurrentUser.roles(jwt).stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(),
                    jwt.getSubject()));
        };
    }

    /**
     * Bearer tokens from the Authorization header; none on cron paths, whose bearer is the cron
     * secret. With {@code queryOnWebSockets}, {@code /ws/**} also takes {@code ?access_token=}:
     * browsers cannot set headers on a WebSocket handshake.
     */
    public static ServerAuthenticationConverter bearerTokens(boolean queryOnWebSockets) {
        ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
        ServerBearerTokenAuthenticationConverter headerOrQuery = new ServerBearerTokenAuthenticationConverter();
        headerOrQuery.setAllowUriQueryParameter(true);
        return exchange -> CronSecretFilter.isCronPath(exchange) ? Mono.empty()
                : queryOnWebSockets && isWebSocketPath(exchange) ? headerOrQuery.convert(exchange)
                : header.convert(exchange);
    }

    private static boolean isWebSocketPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value().startsWith(WEBSOCKET_PREFIX);
    }

    /** What the caller presented, so "no token" and "bad token" get different 401 messages. */
    private static String presentedToken(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null || !isWebSocketPath(exchange) ? header
                : exchange.getRequest().getQueryParams().getFirst("access_token");
    }

    /**
     * Spring Security's firewall turns away path tricks ({@code %2F}, {@code %2e%2e}, {@code //},
     * backslashes) before routing; by default with an empty 400. Answer in the envelope instead.
     */
    @Bean
    ServerExchangeRejectedHandler envelopeRejectedHandler(ApiErrorWriter errors) {
        return (exchange, ex) -> errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, REJECTED_MESSAGE);
    }

    /** Services verify the cron secret; the gateway turns this off and passes cron calls through. */
    @Bean
    @ConditionalOnProperty(name = "coachwork.jobs.verify-cron-secret", matchIfMissing = true)
    CronSecretFilter cronSecretFilter(@Value("${coachwork.jobs.cron-secret:}") String secret, ApiErrorWriter errors) {
        return new CronSecretFilter(secret, errors);
    }

    public static String unauthorizedMessage(String presentedToken) {
        return presentedToken == null ? "Authentication required: send Authorization: Bearer <token>"
                : "Invalid or expired token";
    }
}
