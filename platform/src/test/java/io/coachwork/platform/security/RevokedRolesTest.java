package io.coachwork.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** A role revoked at or after a token's iat is refused in that token, until it is granted again. */
class RevokedRolesTest {

    private static final Instant REVOKED_AT = Instant.parse("2026-01-20T14:00:00.500Z");
    private static final Set<String> ROLES = Set.of("tutor", "student");

    private final RevokedRoles revoked = RevokedRoles.of(List.of(new RevokedRoles.Revocation(7, "tutor", REVOKED_AT)));

    @Test
    void aTokenIssuedBeforeTheRevocationLosesTheRoleAndKeepsTheOthers() {
        assertThat(revoked.revoked(7, REVOKED_AT.minusSeconds(3600), ROLES)).containsExactly("tutor");
    }

    @Test
    void aTokenIssuedInTheSameSecondCountsAsIssuedBefore() {
        // iat has whole seconds: 14:00:00 may be before or after 14:00:00.500, so the revocation wins.
        assertThat(revoked.revoked(7, Instant.parse("2026-01-20T14:00:00Z"), ROLES)).containsExactly("tutor");
        assertThat(revoked.revoked(7, REVOKED_AT, ROLES)).containsExactly("tutor");
    }

    @Test
    void aTokenIssuedAfterTheRevocationKeepsWhatItClaims() {
        assertThat(revoked.revoked(7, Instant.parse("2026-01-20T14:00:01Z"), ROLES)).isEmpty();
    }

    @Test
    void otherUsersAndRolesAreUntouched() {
        assertThat(revoked.concerns(8)).isFalse();
        assertThat(revoked.revoked(8, REVOKED_AT.minusSeconds(60), ROLES)).isEmpty();
        assertThat(revoked.revoked(7, REVOKED_AT.minusSeconds(60), Set.of("student"))).isEmpty();
    }

    @Test
    void aGrantAfterTheRevocationLiftsItAndALaterRevocationWins() {
        RevokedRoles regranted = revoked.without(7, "tutor", REVOKED_AT.plusSeconds(10));
        assertThat(regranted.revoked(7, REVOKED_AT.minusSeconds(60), ROLES)).isEmpty();
        assertThat(regranted.concerns(7)).isFalse();

        RevokedRoles again = regranted.with(7, "tutor", REVOKED_AT.plusSeconds(20));
        assertThat(again.revoked(7, REVOKED_AT.plusSeconds(15), ROLES)).containsExactly("tutor");
    }

    @Test
    void aGrantOlderThanTheRevocationDoesNotLiftIt() {
        assertThat(revoked.without(7, "tutor", REVOKED_AT.minusSeconds(10)).revoked(7, REVOKED_AT.minusSeconds(60), ROLES))
                .containsExactly("tutor");
    }

    @Test
    void theLatestOfTwoRevocationsOfOneRoleCounts() {
        RevokedRoles twice = RevokedRoles.of(List.of(new RevokedRoles.Revocation(7, "tutor", REVOKED_AT),
                new RevokedRoles.Revocation(7, "tutor", REVOKED_AT.plusSeconds(100))));
        assertThat(twice.revoked(7, REVOKED_AT.plusSeconds(50), ROLES)).containsExactly("tutor");
    }

    @Test
    void aTokenWithoutIatCountsAsIssuedAtTheEarliestItCouldHaveBeen() {
        Instant exp = Instant.parse("2026-01-21T10:00:00Z");
        // Spring fills a missing iat with exp minus one second.
        Jwt noIat = jwt(exp.minusSeconds(1), exp);
        assertThat(RevokedRoles.issuedAt(noIat, Duration.ofHours(24))).isEqualTo(exp.minus(Duration.ofHours(24)));
        Jwt withIat = jwt(Instant.parse("2026-01-21T09:00:00Z"), exp);
        assertThat(RevokedRoles.issuedAt(withIat, Duration.ofHours(24))).isEqualTo(Instant.parse("2026-01-21T09:00:00Z"));
    }

    private static Jwt jwt(Instant iat, Instant exp) {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject("7").issuedAt(iat).expiresAt(exp)
                .claim("roles", List.of("tutor")).build();
    }
}
