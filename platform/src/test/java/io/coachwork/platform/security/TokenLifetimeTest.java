package io.coachwork.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens must expire: {@code exp} required, at most 24 hours long, not issued in the future. */
class TokenLifetimeTest extends PlatformIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TokenLifetimeValidator validator = new TokenLifetimeValidator(Duration.ofHours(24),
            Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenWithoutExpIsRefusedByTheService() {
        String token = TestJwt.sign(TestJwt.SECRET, claims().issueTime(new Date()).build());
        web.get().uri("/api/test/tutor/effects/1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid or expired token");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefusedByTheService() {
        Instant now = Instant.now();
        String token = TestJwt.sign(TestJwt.SECRET, claims().issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build());
        web.get().uri("/api/test/tutor/effects/1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aTokenWithoutIatPassesWhileItsExpIsNear() {
        String token = TestJwt.sign(TestJwt.SECRET, claims()
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        web.get().uri("/api/test/tutor/effects/987656").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aNormalTokenPasses() {
        web.get().uri("/api/test/tutor/effects/987655").headers(h -> h.setBearerAuth(TestJwt.tutor(7))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void theValidatorChecksExpLifetimeAndIssueTime() {
        assertThat(validate(null, NOW.plusSeconds(60)).hasErrors()).isFalse();
        assertThat(validate(NOW.plusSeconds(3599), NOW.plusSeconds(3600)).hasErrors())
                .as("Spring's stand-in for a missing iat").isFalse();
        assertThat(validate(NOW, NOW.plus(Duration.ofHours(24))).hasErrors()).isFalse();
        assertThat(validate(NOW, null).getErrors()).extracting("description").containsExactly("exp is required");
        assertThat(validate(NOW, NOW.plus(Duration.ofHours(25))).hasErrors()).isTrue();
        assertThat(validate(null, NOW.plus(Duration.ofHours(25))).hasErrors()).isTrue();
        assertThat(validate(NOW.plusSeconds(30), NOW.plusSeconds(3600)).hasErrors()).as("within the skew").isFalse();
        assertThat(validate(NOW.plusSeconds(600), NOW.plusSeconds(3600)).getErrors()).extracting("description")
                .containsExactly("iat is in the future");
    }

    private org.springframework.security.oauth2.core.OAuth2TokenValidatorResult validate(Instant iat, Instant exp) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("7").claims(c -> c.putAll(Map.of("roles", List.of("tutor"))));
        if (iat != null) {
            jwt.issuedAt(iat);
        }
        if (exp != null) {
            jwt.expiresAt(exp);
        }
        return validator.validate(jwt.build());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("7").claim("roles", List.of("tutor")).claim("name", "Seven");
    }
}
