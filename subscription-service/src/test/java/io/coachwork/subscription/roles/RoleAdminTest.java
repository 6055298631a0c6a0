package io.coachwork.subscription.roles;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.subscription.support.SubscriptionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 004 role management: grants and revocations with a reason, the audit, the event, and enforcement. */
class RoleAdminTest extends SubscriptionIntegrationTest {

    private static final long ADMIN_ID = 9101;
    private static final String ADMIN = TestJwt.token(ADMIN_ID, "admin");
    private static final String SUPER = TestJwt.token(9102, "super_admin");

    private WebTestClient.ResponseSpec grant(String token, long userId, String body) {
        return web.post().uri("/api/admin/users/" + userId + "/roles").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec revoke(String token, long userId, String role, String body) {
        return web.post().uri("/api/admin/users/" + userId + "/roles/" + role + "/revoke").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long rolesEvents(long userId) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE topic = :t AND message_key = :k AND event_type = :type")
                .bind("t", Topics.IDENTITY_USERS).bind("k", Long.toString(userId))
                .bind("type", EventTypes.IDENTITY_USER_ROLES_CHANGED)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    /** A token issued a minute before the service's clock and the wall clock, whichever is earlier. */
    private String tokenIssuedEarlier(long userId, String... roles) {
        Instant now = Instant.now();
        Instant iat = (clock.instant().isBefore(now) ? clock.instant() : now).minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        return TestJwt.sign(TestJwt.SECRET, new JWTClaimsSet.Builder().subject(Long.toString(userId))
                .issueTime(Date.from(iat)).expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .claim("roles", List.of(roles)).build());
    }

    @Test
    void anAdminGrantsAUserASecondRoleAndRevokesIt() {
        long user = newTutor();
        String studentToken = TestJwt.student(user);
        String bothRolesToken = tokenIssuedEarlier(user, "tutor", "student");
        web.get().uri("/api/user/role").headers(h -> h.setBearerAuth(studentToken)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.user_id").isEqualTo(user)
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.assigned_roles").isEqualTo(List.of("student"));
        web.get().uri("/api/admin/users/" + user + "/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.source").isEqualTo("identity_provider")
                .jsonPath("$.data.history").isEmpty();

        grant(ADMIN, user, "{\"role\": \"tutor\", \"reason\": \"Tutor application approved\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.message").isEqualTo("Role tutor granted to user " + user + "; it takes effect in the user's next token")
                .jsonPath("$.data.roles").isEqualTo(List.of("tutor", "student"))
                .jsonPath("$.data.change.action").isEqualTo("grant")
                .jsonPath("$.data.change.roles_before").isEqualTo(List.of("student"))
                .jsonPath("$.data.change.roles_after").isEqualTo(List.of("tutor", "student"))
                .jsonPath("$.data.change.changed_by").isEqualTo(ADMIN_ID)
                .jsonPath("$.data.change.reason").isEqualTo("Tutor application approved");
        assertThat(rolesEvents(user)).isEqualTo(1);
        assertThat(TopicProbe.awaitRecord(Topics.IDENTITY_USERS, r -> r.key().equals(Long.toString(user))
                        && r.value().contains(EventTypes.IDENTITY_USER_ROLES_CHANGED) && r.value().contains("\"granted\":[\"tutor\"]"),
                Duration.ofSeconds(20))).isPresent();
        // The student's current token does not carry the grant; the next one will.
        web.get().uri("/api/user/role").headers(h -> h.setBearerAuth(studentToken)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.assigned_roles").isEqualTo(List.of("tutor", "student"));
        web.get().uri("/api/marketplace/tutor/subscription").headers(h -> h.setBearerAuth(bothRolesToken)).exchange()
                .expectStatus().isOk();

        grant(ADMIN, user, "{\"role\": \"tutor\", \"reason\": \"again\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("User " + user + " already holds the tutor role");

        revoke(ADMIN, user, "tutor", "{\"reason\": \"Tutor account suspended after review\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Role tutor revoked from user " + user
                        + "; tokens issued before now no longer carry it")
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.change.roles_before").isEqualTo(List.of("tutor", "student"))
                .jsonPath("$.data.change.roles_after").isEqualTo(List.of("student"));
        assertThat(rolesEvents(user)).isEqualTo(2);

        // The token issued before the revocation stops working as a tutor, in this service too, and keeps its student role.
        await().atMost(Duration.ofSeconds(30)).until(() -> web.get().uri("/api/marketplace/tutor/subscription")
                .headers(h -> h.setBearerAuth(bothRolesToken)).exchange().returnResult(String.class).getStatus().value() == 403);
        web.get().uri("/api/user/role").headers(h -> h.setBearerAuth(bothRolesToken)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.assigned_roles").isEqualTo(List.of("student"));

        revoke(ADMIN, user, "tutor", "{\"reason\": \"again\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("User " + user + " does not hold the tutor role");

        web.get().uri("/api/admin/roles/audit?user_id=" + user).headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(2)
                .jsonPath("$.data.entries[0].action").isEqualTo("revoke")
                .jsonPath("$.data.entries[0].role").isEqualTo("tutor")
                .jsonPath("$.data.entries[0].reason").isEqualTo("Tutor account suspended after review")
                .jsonPath("$.data.entries[0].changed_by").isEqualTo(ADMIN_ID)
                .jsonPath("$.data.entries[0].changed_at").exists()
                .jsonPath("$.data.entries[1].action").isEqualTo("grant")
                .jsonPath("$.data.entries[1].roles_before").isEqualTo(List.of("student"));
        web.get().uri("/api/admin/users/" + user + "/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.source").isEqualTo("role_admin")
                .jsonPath("$.data.history.length()").isEqualTo(2);
    }

    @Test
    void onlySuperAdminsManageAdminRolesAndNoSuperAdminRevokesTheirOwn() {
        long user = newTutor();
        grant(ADMIN, user, "{\"role\": \"admin\", \"reason\": \"ops\"}").expectStatus().isForbidden()
                .expectBody().jsonPath("$.message").isEqualTo("Only a super admin can grant or revoke the admin role");
        grant(SUPER, user, "{\"role\": \"admin\", \"reason\": \"New operations lead\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.data.roles").isEqualTo(List.of("admin"));
        revoke(ADMIN, user, "admin", "{\"reason\": \"x\"}").expectStatus().isForbidden();
        assertThat(rolesEvents(user)).isEqualTo(1);

        long superId = newTutor();
        String self = TestJwt.token(superId, "super_admin");
        revoke(self, superId, "super_admin", "{\"reason\": \"stepping down\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("You cannot revoke your own super_admin role; another super admin must");
        assertThat(rolesEvents(superId)).isZero();
    }

    @Test
    void anUnknownUserBecomesKnownByTheGrant() {
        long user = newTutor();
        web.get().uri("/api/admin/users/" + user + "/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("User not found");
        grant(ADMIN, user, "{\"role\": \"Student\", \"reason\": \"Enrolled by the school\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.data.change.roles_before").isEqualTo(List.of())
                .jsonPath("$.data.roles").isEqualTo(List.of("student"));
        web.get().uri("/api/admin/users/" + user + "/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.source").isEqualTo("role_admin");
    }

    @Test
    void badInputIsRefusedInTheEnvelope() {
        long user = newTutor();
        grant(ADMIN, user, "{\"role\": \"owner\", \"reason\": \"x\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role")
                .jsonPath("$.errors[0].message").isEqualTo("role must be one of tutor, student, admin, super_admin");
        grant(ADMIN, user, "{\"role\": \"tutor\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        grant(ADMIN, user, "{\"role\": \"tutor\", \"reason\": \"" + "r".repeat(501) + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("reason must be at most 500 characters");
        grant(ADMIN, user, "{\"role\": \"tutor\", \"reason\": \"a\\u0000b\"}").expectStatus().is4xxClientError();
        revoke(ADMIN, user, "wizard", "{\"reason\": \"x\"}").expectStatus().isBadRequest();
        web.post().uri("/api/admin/users/" + user + "/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isBadRequest();
        grant(ADMIN, 0, "{\"role\": \"tutor\", \"reason\": \"x\"}").expectStatus().isNotFound();
        web.get().uri("/api/admin/users/99999999999999999999/roles").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/admin/roles/audit?user_id=abc").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("user_id");
        web.get().uri("/api/admin/roles/audit?limit=1000").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isBadRequest();
        grant(TestJwt.tutor(user), user, "{\"role\": \"tutor\", \"reason\": \"x\"}").expectStatus().isForbidden();
        web.get().uri("/api/user/role").exchange().expectStatus().isUnauthorized();
        assertThat(rolesEvents(user)).isZero();
    }
}
