package io.coachwork.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified: an HS256 shared {@code secret} locally, a {@code jwksUri} (RS256) in
 * production. When both are set the JWKS URI wins. Every token must carry {@code exp}, live at most
 * {@code maxLifetime} and not be issued in the future beyond {@code clockSkew}.
 */
@ConfigurationProperties("coachwork.security.jwt")
public record JwtProperties(String secret, String jwksUri, String issuer,
                            @DefaultValue("24h") Duration maxLifetime,
                            @DefaultValue("60s") Duration clockSkew) {
}
