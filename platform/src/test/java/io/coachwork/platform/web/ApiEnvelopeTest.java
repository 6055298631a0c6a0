package io.coachwork.platform.web;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/** Every failure reaches the client in the seed 000 envelope with the right status, and changes nothing. */
class ApiEnvelopeTest extends PlatformIntegrationTest {

    private static final String EFFECTS = "/api/test/tutor/effects";

    @Test
    void missingTokenIs401() {
        web.get().uri(EFFECTS + "/1").exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Authentication required: send Authorization: Bearer <token>");
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() {
        String token = TestJwt.token("another-secret-that-is-long-enough-0123456789", 5, "x", "x@example.com",
                List.of("tutor"), null, Duration.ofMinutes(5));
        web.get().uri(EFFECTS + "/1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid or expired token");
    }

    @Test
    void wrongRoleIs403() {
        web.get().uri(EFFECTS + "/1").headers(h -> h.setBearerAuth(TestJwt.student(7))).exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("You do not have permission to perform this action");
    }

    @Test
    void unknownIdIs404AndCorrelationIdIsEchoed() {
        web.get().uri(EFFECTS + "/987654").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(7));
                    h.set("X-Correlation-Id", "abc-123");
                }).exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Correlation-Id", "abc-123")
                .expectBody().jsonPath("$.message").isEqualTo("Effect not found");
    }

    @Test
    void validationErrorsNameEachField() {
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"\",\"amount\":0}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.errors[?(@.field == 'name')].message").isEqualTo("name is required")
                .jsonPath("$.errors[?(@.field == 'amount')].message").isEqualTo("amount must be at least 1");
    }

    @Test
    void malformedJsonWrongTypesAndOversizedBodiesAre400AndChangeNothing() {
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"bad-input\", ")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Malformed JSON request body");
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"bad-input\", \"amount\": \"lots\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid value for amount")
                .jsonPath("$.errors[0].field").isEqualTo("amount");
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": {\"nested\": 1}, \"amount\": 1}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"bad-input\", \"amount\": 1e400}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount");
        String huge = "{\"name\":\"bad-input" + "x".repeat(40_000) + "\",\"amount\":1}";
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Request body is too large");
        assertThat(countEffects("bad-input")).isZero();
    }

    @Test
    void successUsesTheEnvelope() {
        web.post().uri(EFFECTS).headers(h -> h.setBearerAuth(TestJwt.tutor(7)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"envelope-ok\",\"amount\":3}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().value("X-Correlation-Id", notNullValue())
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.message").isEqualTo("Effect recorded")
                .jsonPath("$.data.user_id").isEqualTo(7)
                .jsonPath("$.data.amount").isEqualTo(3);
    }
}
