package io.coachwork.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are verified: an HS256 shared {@code secret} locally, a {@code jwksUri} (RS256) in
 * production. When both are set the JWKS URI wins.
 */
@ConfigurationProperties("coachwork.security.jwt")
public record JwtProperties(String secret, String jwksUri, String issuer) {
}
