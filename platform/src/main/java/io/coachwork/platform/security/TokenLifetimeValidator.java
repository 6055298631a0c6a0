package io.coachwork.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What Spring's default validators leave open: they check {@code exp} only when present, so a token
 * without it would never expire. Requires {@code exp}, refuses an {@code iat} in the future beyond
 * the clock skew, and a lifetime ({@code exp} minus {@code iat}, or minus now without {@code iat})
 * longer than the maximum. Runs on the wall clock: tokens are minted by real identity providers.
 */
public class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    public TokenLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return failure("exp is required");
        }
        Instant issuedAt = jwt.getIssuedAt();
        if (expiresAt.minusSeconds(1).equals(issuedAt)) {
            // Spring's claim converter fills a missing iat with exp minus one second: no iat was sent
            issuedAt = null;
        }
        if (issuedAt != null && issuedAt.isAfter(now.plus(clockSkew))) {
            return failure("iat is in the future");
        }
        Instant from = issuedAt != null ? issuedAt : now;
        if (Duration.between(from, expiresAt).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return failure("the token lives longer than " + maxLifetime);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String message) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", message, null));
    }
}
