package io.coachwork.platform.idempotency;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication.Gates;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Idempotency-Key state machine: claim → run once → store → replay, and every way out of it
 * (different request, still running, failed, client gone, too large, abandoned claim).
 */
class IdempotencyKeyTest extends PlatformIntegrationTest {

    @Autowired
    Gates gates;

    @Autowired
    Clock clock;

    @LocalServerPort
    int port;

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
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody().returnResult().getResponseBody();

        byte[] retry = web.post().uri("/api/test/tutor/effects")
                .headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(21));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        assertThat(retry).isEqualTo(first);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void replaysAndRefusalsNeverRunTheChainAgainNorLogAFailure(CapturedOutput output) {
        String key = UUID.randomUUID().toString();
        String name = "quiet-" + key;
        bump(32, key, name).expectStatus().isCreated();
        for (int i = 0; i < 3; i++) {
            bump(32, key, name).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
            bump(32, key, "other-" + name).expectStatus().isBadRequest();
        }
        assertThat(countEffects(name)).isEqualTo(1);
        assertThat(countEffects("other-" + name)).isZero();
        assertThat(output.getAll()).doesNotContain(name + " failed").doesNotContain("StackOverflowError");
    }

    @Test
    void aBodilessPostWithAKeyRunsOnceAndItsReplayKeepsTheLocation() {
        String key = UUID.randomUUID().toString();
        String name = "bump-" + key;
        String location = bump(31, key, name).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        assertThat(countEffects(name)).isEqualTo(1);

        bump(31, key, name).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().location(location)
                .expectBody().jsonPath("$.message").isEqualTo("Bumped");
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIsRefusedOnceAndAnotherUsersKeyIsTheirOwn() {
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
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Idempotency-Key was already used with a different request");
        bump(22, key, name).expectStatus().isBadRequest()
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
        assertThat(storedKeys(key)).isZero();
    }

    @Test
    void aServerErrorReleasesTheKeySoTheRetryRunsAndIsThenReplayed() {
        String key = UUID.randomUUID().toString();
        String name = "flaky-" + key;
        post(25, key, "/api/test/tutor/flaky/" + name).expectStatus().isEqualTo(500);
        assertThat(storedKeys(key)).isZero();

        post(25, key, "/api/test/tutor/flaky/" + name).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed");
        post(25, key, "/api/test/tutor/flaky/" + name).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");

        assertThat(gates.entered(name)).isEqualTo(2);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void aDuplicateWhileTheFirstRunsIs409AndTheFirstStillCompletesOnce() {
        String key = UUID.randomUUID().toString();
        String name = "gated-" + key;
        AtomicReference<ResponseEntity<String>> first = new AtomicReference<>();
        gatedRequest(26, key, name).subscribe(first::set);
        await().atMost(Duration.ofSeconds(10)).until(() -> gates.entered(name) == 1);

        post(26, key, "/api/test/tutor/gated/" + name).expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("A request with this Idempotency-Key is still in progress");

        gates.open(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.get() != null);
        assertThat(first.get().getStatusCode()).isEqualTo(HttpStatusCode.valueOf(201));
        post(26, key, "/api/test/tutor/gated/" + name).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(gates.entered(name)).isEqualTo(1);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void aClientThatDisconnectsMidRequestReleasesTheKeySoItsRetryRuns() {
        String key = UUID.randomUUID().toString();
        String name = "gone-" + key;
        Disposable request = gatedRequest(27, key, name).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> gates.entered(name) == 1);
        assertThat(storedKeys(key)).isEqualTo(1);

        request.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> storedKeys(key) == 0);

        gates.open(name);
        post(27, key, "/api/test/tutor/gated/" + name).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed");
        assertThat(gates.entered(name)).isEqualTo(2);
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void aClaimLeftInProgressByADeadInstanceIsTakenOver() {
        String key = UUID.randomUUID().toString();
        String name = "abandoned-" + key;
        db.sql("INSERT INTO idempotency_key (user_id, idem_key, request_hash, claim_token, created_at) "
                        + "VALUES (28, :k, 'whatever', :t, :at)")
                .bind("k", key).bind("t", UUID.randomUUID())
                .bind("at", clock.instant().minus(IdempotencyKeyFilter.ABANDONED_AFTER).minusSeconds(1).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().block();

        bump(28, key, name).expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed");
        bump(28, key, name).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(countEffects(name)).isEqualTo(1);
    }

    @Test
    void anOversizedBodyIs413InTheEnvelopeAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        String huge = "{\"name\":\"huge-" + key + "x".repeat(40_000) + "\",\"amount\":1}";
        web.post().uri("/api/test/tutor/effects").headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(29));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("Request body is too large"));
        assertThat(storedKeys(key)).isZero();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec bump(long user, String key, String name) {
        return post(user, key, "/api/test/tutor/bumps/" + name);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(long user, String key, String path) {
        return web.post().uri(path).headers(h -> {
            h.setBearerAuth(TestJwt.tutor(user));
            h.set("Idempotency-Key", key);
        }).exchange();
    }

    private reactor.core.publisher.Mono<ResponseEntity<String>> gatedRequest(long user, String key, String name) {
        return WebClient.create("http://localhost:" + port).post().uri("/api/test/tutor/gated/" + name)
                .headers(h -> {
                    h.setBearerAuth(TestJwt.tutor(user));
                    h.set("Idempotency-Key", key);
                })
                .retrieve().toEntity(String.class);
    }

    private long storedKeys(String key) {
        return db.sql("SELECT count(*) AS n FROM idempotency_key WHERE idem_key = :k").bind("k", key)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}
