package io.coachwork.platform.idempotency;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** A retried POST with the same Idempotency-Key returns the first answer and does the work once. */
class IdempotencyKeyTest extends PlatformIntegrationTest {

    @Test
    void aRetryReturnsTheFirstResultAndDoesNothingTwice() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key;
        String body = "{\"name\":\"" + name + "\",\"amount\":5}";
        byte[] first = web.post().uri("/api/test/tutor/effects")
                .headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(21));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();

        byte[] retry = web.post().uri("/api/test/tutor/effects")
                .headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(21));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().returnResult().getResponseBody();

        assertThat(retry).isEqualTo(first);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndAnotherUsersKeyIsTheirOwn() {
        String key = UUID.randomUUID().toString();
        String name = "idem-other-" + key;
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(22));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":1}")
                .exchange().expectStatus().isCreated();
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(22));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":2}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Idempotency-Key was already used with a different request");
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(23));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":1}")
                .exchange().expectStatus().isCreated();
        assertThat(countEffects(name)).isEqualTo(2);
    }

    @Test
    void aFailedFirstAttemptStoresNothingSoTheRetryRuns() {
        String key = UUID.randomUUID().toString();
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(24));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"rollback-" + key + "\",\"amount\":1}")
                .exchange().expectStatus().isEqualTo(409);
        Long stored = db.sql("SELECT count(*) AS n FROM idempotency_key WHERE idem_key = :k").bind("k", key)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(stored).isZero();
    }
}
