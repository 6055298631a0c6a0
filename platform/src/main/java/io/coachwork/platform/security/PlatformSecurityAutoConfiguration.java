package io.coachwork.platform.security;

import io.coachwork.platform.jobs.CronSecretFilter;
import io.coachwork.platform.web.ApiErrorWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
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
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.util.StringUtils;
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

    public static final String[] OPEN_PATHS = {"/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

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
        validators.add(PlatformSecurityAutoConfiguration::numericSubject);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static OAuth2TokenValidatorResult numericSubject(Jwt jwt) {
        String sub = jwt.getSubject();
        if (sub != null && sub.matches("\\d{1,18}")) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "sub must be a numeric user id", null));
    }

    static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesConverter() {
        return jwt -> Mono.just(new JwtAuthenticationToken(jwt,
                CurrentUser.roles(jwt).stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(),
                jwt.getSubject()));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityChain(ServerHttpSecurity http, ObjectProvider<AuthorizationRules> rules,
                                                 ApiErrorWriter errors) {
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
                        .bearerTokenConverter(bearerTokensOutsideCronPaths())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint((exchange, e) -> errors.write(exchange.getResponse(),
                                HttpStatus.UNAUTHORIZED, unauthorizedMessage(exchange.getRequest().getHeaders().getFirst("Authorization"))))
                        .accessDeniedHandler((exchange, e) -> errors.write(exchange.getResponse(),
                                HttpStatus.FORBIDDEN, "You do not have permission to perform this action")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((exchange, e) -> errors.write(exchange.getResponse(),
                                HttpStatus.UNAUTHORIZED, unauthorizedMessage(exchange.getRequest().getHeaders().getFirst("Authorization"))))
                        .accessDeniedHandler((exchange, e) -> errors.write(exchange.getResponse(),
                                HttpStatus.FORBIDDEN, "You do not have permission to perform this action")))
                .build();
    }

    /** Cron paths carry the cron secret, not a JWT; {@link CronSecretFilter} checks them. */
    private static ServerAuthenticationConverter bearerTokensOutsideCronPaths() {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> CronSecretFilter.isCronPath(exchange) ? Mono.empty() : bearer.convert(exchange);
    }

    @Bean
    CronSecretFilter cronSecretFilter(@Value("${coachwork.jobs.cron-secret:}") String secret, ApiErrorWriter errors) {
        return new CronSecretFilter(secret, errors);
    }

    public static String unauthorizedMessage(String authorizationHeader) {
        return authorizationHeader == null ? "Authentication required: send Authorization: Bearer <token>"
                : "Invalid or expired token";
    }
}
