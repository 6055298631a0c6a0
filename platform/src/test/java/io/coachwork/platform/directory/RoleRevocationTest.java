package io.coachwork.platform.directory;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.UserRolesChanged;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens issued before a revocation stop working for the revoked role, in every service: the
 * roles_changed event reaches the directory, and the security chain drops the role from the token.
 */
class RoleRevocationTest extends PlatformIntegrationTest {

    @Autowired
    UserDirectory directory;

    @Autowired
    RevokedRolesSnapshot snapshot;

    private static long newUser() {
        return 70_000 + (long) (Math.random() * 10_000);
    }

    private static String token(long userId, Instant issuedAt, String... roles) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        return TestJwt.sign(TestJwt.SECRET, new JWTClaimsSet.Builder().subject(Long.toString(userId))
                .issueTime(Date.from(iat)).expirationTime(Date.from(iat.plus(Duration.ofHours(1))))
                .claim("roles", List.of(roles)).build());
    }

    private static String rolesChanged(String eventId, long userId, List<String> before, List<String> after,
                                       List<String> granted, List<String> revoked, Instant at) {
        return TestEvents.cloudEvent(eventId, EventTypes.IDENTITY_USER_ROLES_CHANGED, Long.toString(userId),
                new UserRolesChanged(userId, before, after, granted, revoked, 1, "test", at));
    }

    private int tutorStatus(String token) {
        return web.get().uri("/api/test/tutor/effects/0").headers(h -> h.setBearerAuth(token)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    void aTokenIssuedBeforeARevocationLosesThatRoleOnlyAndANewerTokenKeepsIt() {
        long user = newUser();
        Instant revokedAt = Instant.now();
        String before = token(user, revokedAt.minusSeconds(30), "tutor", "student");
        assertThat(tutorStatus(before)).isEqualTo(404);

        String eventId = UUID.randomUUID().toString();
        String event = rolesChanged(eventId, user, List.of("student", "tutor"), List.of("student"), List.of(),
                List.of("tutor"), revokedAt);
        // Delivered twice: one effect.
        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(user), event);
        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(user), event);

        await().atMost(Duration.ofSeconds(30)).until(() -> tutorStatus(before) == 403);
        web.get().uri("/api/test/student/me").headers(h -> h.setBearerAuth(before)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data").isEqualTo(List.of("student"));

        String after = token(user, revokedAt.plusSeconds(1), "tutor", "student");
        assertThat(tutorStatus(after)).isEqualTo(404);

        assertThat(directory.find(user).block().roles()).containsExactly("student");
        assertThat(db.sql("SELECT count(*) AS n FROM inbox_event WHERE event_id = :id").bind("id", eventId)
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) AS n FROM role_revocation WHERE user_id = :u").bind("u", user)
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void aGrantAfterTheRevocationRestoresTheRoleInOlderTokens() {
        long user = newUser();
        Instant revokedAt = Instant.now().minusSeconds(60);
        String old = token(user, revokedAt.minusSeconds(60), "tutor", "student");
        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(user), rolesChanged(UUID.randomUUID().toString(), user,
                List.of("student", "tutor"), List.of("student"), List.of(), List.of("tutor"), revokedAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> tutorStatus(old) == 403);

        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(user), rolesChanged(UUID.randomUUID().toString(), user,
                List.of("student"), List.of("student", "tutor"), List.of("tutor"), List.of(), revokedAt.plusSeconds(30)));
        await().atMost(Duration.ofSeconds(30)).until(() -> tutorStatus(old) == 404);
        assertThat(directory.find(user).block().roles()).containsExactlyInAnyOrder("student", "tutor");
    }

    @Test
    void anInstanceThatDidNotSeeTheEventLearnsTheRevocationFromTheTable() {
        long user = newUser();
        Instant revokedAt = Instant.now();
        String before = token(user, revokedAt.minusSeconds(30), "tutor");
        assertThat(tutorStatus(before)).isEqualTo(404);
        // Another instance of the service consumed the event and wrote the row.
        db.sql("INSERT INTO role_revocation (user_id, role, revoked_at) VALUES (:u, 'tutor', :at)")
                .bind("u", user).bind("at", revokedAt.atOffset(ZoneOffset.UTC)).fetch().rowsUpdated().block();
        snapshot.refresh().block();
        assertThat(tutorStatus(before)).isEqualTo(403);
    }
}
