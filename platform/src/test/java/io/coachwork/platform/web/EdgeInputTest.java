package io.coachwork.platform.web;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.platform.security.PlatformSecurityAutoConfiguration;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside client tried: NUL and control characters, floats for integers, path tricks, and
 * a signed token whose name holds a NUL. Each answers 4xx in the envelope and changes nothing.
 */
class EdgeInputTest extends PlatformIntegrationTest {

    private static final String GROUPS = "/api/test/tutor/groups";

    @LocalServerPort
    int port;

    @Test
    void controlCharactersInAnyJsonTextAre400NamingTheField() {
        post("/api/test/tutor/effects", "{\"name\":\"nul-\\u0000-name\",\"amount\":1}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("name must not contain control characters")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        post(GROUPS, "{\"title\":\"bell\\u0007\",\"student_ids\":[1]}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("title");
        assertThat(db.sql("SELECT count(*) AS n FROM test_effect WHERE name LIKE 'nul-%'")
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void tabsAndNewLinesStayAllowed() {
        post(GROUPS, "{\"title\":\"line one\\nline\\ttwo\",\"student_ids\":[1]}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.title").isEqualTo("line one\nline\ttwo");
    }

    @Test
    void floatsForIntegerFieldsAre400NamingTheField() {
        post(GROUPS, "{\"title\":\"t\",\"student_ids\":[743111.5]}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Invalid value for student_ids[0]")
                .jsonPath("$.errors[0].field").isEqualTo("student_ids[0]");
        post(GROUPS, "{\"title\":\"t\",\"seats\":2.0}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("seats");
        post("/api/test/tutor/effects", "{\"name\":\"float-amount\",\"amount\":1.5}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("amount");
        assertThat(countEffects("float-amount")).isZero();
        post(GROUPS, "{\"title\":\"t\",\"student_ids\":[743111]}")
                .expectStatus().isOk().expectBody().jsonPath("$.data.student_ids[0]").isEqualTo(743111);
    }

    @Test
    void controlCharactersInQueryParametersAre400NamingTheParameter() {
        web.post().uri(URI.create("http://localhost:" + port + GROUPS + "?note=a%00b"))
                .headers(h -> h.setBearerAuth(TestJwt.tutor(41)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\":\"t\"}")
                .exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("note must not contain control characters")
                .jsonPath("$.errors[0].field").isEqualTo("note");
    }

    @Test
    void pathTricksAre400InTheEnvelope() {
        for (String path : List.of("/api/test/tutor/effects/..%2F..%2Fadmin", "/api/test/tutor/%2e%2e/effects/1",
                "/api/test/tutor/effects%2F1", "/api/test/tutor//effects/1", "/api/test/tutor/effects/%5C1",
                "/api/test/tutor/effects/%00")) {
            web.get().uri(URI.create("http://localhost:" + port + path))
                    .headers(h -> h.setBearerAuth(TestJwt.tutor(42)))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isNotEmpty();
        }
    }

    @Test
    void aSignedTokenWithANulInItsNameStillWorksAndTheDirectoryKeepsTheCleanName() {
        Instant now = Instant.now();
        String token = TestJwt.sign(TestJwt.SECRET, new JWTClaimsSet.Builder().subject("4343")
                .claim("roles", List.of("tutor")).claim("name", "Ev\u0000e").claim("email", "eve\u0000@example.com")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build());
        web.get().uri("/api/test/tutor/effects/987656").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        String name = db.sql("SELECT name FROM directory_user WHERE user_id = 4343")
                .map((row, meta) -> row.get("name", String.class)).one().block();
        assertThat(name).isEqualTo("Eve");
    }

    @Test
    void lockAndSerializationFailuresAre409AndTimeoutsAre503() {
        assertThat(ApiErrorHandler.classify(new PessimisticLockingFailureException("x",
                new R2dbcRollbackException("could not serialize access", "40001"))).status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ApiErrorHandler.classify(new PessimisticLockingFailureException("x",
                new R2dbcRollbackException("deadlock detected", "40P01"))).status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ApiErrorHandler.classify(new CannotAcquireLockException("x",
                new R2dbcTransientResourceException("could not obtain lock", "55P03"))).status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ApiErrorHandler.classify(new QueryTimeoutException("x",
                new R2dbcTransientResourceException("canceling statement due to statement timeout", "57014"))).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ApiErrorHandler.classify(new R2dbcNonTransientResourceException("other", "22021")).status())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void theRejectionMessageSaysWhy() {
        web.get().uri(URI.create("http://localhost:" + port + "/api/test/tutor/%2e%2e/effects/1"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo(PlatformSecurityAutoConfiguration.REJECTED_MESSAGE);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String path, String json) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(TestJwt.tutor(40)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
