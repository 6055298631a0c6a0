package io.coachwork.platform.security;

import io.coachwork.platform.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Accepted tokens are remembered until they expire; refusals and expired tokens go to the real decoder. */
class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> decoded = new ArrayList<>();
    private Instant refusesFrom = NOW.plus(Duration.ofHours(1));

    /** Stands in for Nimbus: accepts "good-*" tokens expiring in an hour, refuses the rest and expired ones. */
    private final ReactiveJwtDecoder real = token -> {
        decoded.add(token);
        if (!token.startsWith("good") || !clock.instant().isBefore(refusesFrom)) {
            return Mono.error(new BadJwtException("refused"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "HS256").subject("7")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1))).build());
    };
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(real, clock);

    @Test
    void anAcceptedTokenIsDecodedOnceUntilItExpires() {
        StepVerifier.create(decoder.decode("good-1")).expectNextMatches(j -> j.getSubject().equals("7")).verifyComplete();
        clock.advance(Duration.ofMinutes(59));
        StepVerifier.create(decoder.decode("good-1")).expectNextMatches(j -> j.getTokenValue().equals("good-1"))
                .verifyComplete();
        assertThat(decoded).containsExactly("good-1");

        clock.advance(Duration.ofMinutes(1));
        StepVerifier.create(decoder.decode("good-1")).expectError(BadJwtException.class).verify();
        assertThat(decoded).containsExactly("good-1", "good-1");
    }

    @Test
    void refusalsAreNotRemembered() {
        StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();
        StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();
        assertThat(decoded).containsExactly("forged", "forged");
    }

    @Test
    void theMemoryIsBounded() {
        for (int i = 0; i <= CachingJwtDecoder.MAX_REMEMBERED; i++) {
            decoder.decode("good-" + i).block();
        }
        decoded.clear();
        decoder.decode("good-0").block();
        decoder.decode("good-" + CachingJwtDecoder.MAX_REMEMBERED).block();
        assertThat(decoded).as("dropped when full, the newest kept").containsExactly("good-0");
    }
}
