package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestJwt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Seed 004 role management through the gateway: an admin grants a student a second role and revokes
 * it; a token issued before the revocation stops working for that role in every service.
 */
class RolesThroughGatewayTest extends EndToEndTest {

    private int status(String uri, String token) {
        return gateway.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private WebTestClient.ResponseSpec post(String uri, String token, String body) {
        return gateway.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    @Test
    void anAdminGrantsAStudentASecondRoleAndRevokesIt() {
        long user = newUser();
        String studentToken = TestJwt.student(user);
        gateway.get().uri("/api/user/role").headers(h -> h.setBearerAuth(studentToken)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.roles").isEqualTo(List.of("student"));

        post("/api/admin/users/" + user + "/roles", ADMIN, "{\"role\": \"tutor\", \"reason\": \"Tutor application approved\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("tutor", "student"))
                .jsonPath("$.data.change.roles_before").isEqualTo(List.of("student"));
        gateway.get().uri("/api/user/role").headers(h -> h.setBearerAuth(studentToken)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.roles").isEqualTo(List.of("student"))
                .jsonPath("$.data.assigned_roles").isEqualTo(List.of("tutor", "student"));

        // The identity provider's next token carries both roles.
        String bothRoles = TestJwt.token(user, "tutor", "student");
        await().atMost(patience()).until(() -> status("/api/marketplace/tutor/subscription", bothRoles) == 200);
        await().atMost(patience()).until(() -> status("/api/marketplace/tutor/wallet", bothRoles) == 200);

        post("/api/admin/users/" + user + "/roles/tutor/revoke", ADMIN, "{\"reason\": \"Application withdrawn\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.data.roles").isEqualTo(List.of("student"));

        // The gateway still lets the token through as a tutor; every service behind it refuses the revoked role.
        await().atMost(patience()).until(() -> status("/api/marketplace/tutor/subscription", bothRoles) == 403);
        await().atMost(patience()).until(() -> status("/api/marketplace/tutor/wallet", bothRoles) == 403);
        gateway.get().uri("/api/user/role").headers(h -> h.setBearerAuth(bothRoles)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.roles").isEqualTo(List.of("student"));

        gateway.get().uri("/api/admin/roles/audit?user_id=" + user).headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(2)
                .jsonPath("$.data.entries[0].action").isEqualTo("revoke")
                .jsonPath("$.data.entries[0].reason").isEqualTo("Application withdrawn")
                .jsonPath("$.data.entries[0].changed_by").isEqualTo(9001)
                .jsonPath("$.data.entries[1].action").isEqualTo("grant");

        post("/api/admin/users/" + user + "/roles", ADMIN, "{\"role\": \"admin\", \"reason\": \"x\"}")
                .expectStatus().isForbidden();
        post("/api/admin/users/" + user + "/roles", studentToken, "{\"role\": \"tutor\", \"reason\": \"x\"}")
                .expectStatus().isForbidden();
    }
}
