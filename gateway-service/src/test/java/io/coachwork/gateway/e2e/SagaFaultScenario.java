package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7's fault scenario, run against a fault of the caller's choosing: 100 coaching sessions
 * are created (and every other one cancelled) by ten tutors with ten hours each; the fault strikes
 * after the 30th and is repaired once all requests are answered. Within two minutes every session
 * must be decided, no saga may still wait for a reply, each tutor's hours must add up and the
 * wallet's books must reconcile.
 */
final class SagaFaultScenario {

    private static final String ADMIN = TestJwt.token(9001, "admin");
    /** Wallet adjustments are a super admin's (or will be: issue 7 item 15). */
    private static final String SUPER_ADMIN = TestJwt.token(9002, "super_admin", "admin");
    private static final String SESSIONS = "/api/marketplace/tutor/coaching/sessions";
    private static final int TUTORS = 10;
    private static final int SESSIONS_EACH = 10;
    private static final int FAULT_AFTER = 30;

    private final WebClient sessions;
    private final WebClient wallet;

    /** {@code sessions} and {@code wallet} reach each service's API (directly or through the gateway). */
    SagaFaultScenario(String sessionsUrl, String walletUrl) {
        this.sessions = WebClient.create(sessionsUrl);
        this.wallet = WebClient.create(walletUrl);
    }

    private record Outcome(long tutor, long sessionId, boolean cancelled) {
    }

    void run(Runnable fault, Runnable repair) {
        List<Long> tutors = LongStream.range(0, TUTORS)
                .mapToObj(i -> ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L)).toList();
        tutors.forEach(this::fund);

        Instant base = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        AtomicInteger answered = new AtomicInteger();
        Mono<Void> struck = Mono.fromRunnable(fault).subscribeOn(Schedulers.boundedElastic()).then().cache();
        Map<Integer, Integer> cancelStatuses = new ConcurrentHashMap<>();
        List<Outcome> outcomes = Flux.range(0, TUTORS * SESSIONS_EACH)
                .flatMap(i -> {
                    long tutor = tutors.get(i % TUTORS);
                    Instant start = base.plus(Duration.ofHours(2L * (i / TUTORS)));
                    return create(tutor, i, start)
                            .flatMap(id -> i % 2 == 1 ? cancel(tutor, id, cancelStatuses)
                                    : Mono.just(new Outcome(tutor, id, false)))
                            .doOnNext(o -> {
                                if (answered.incrementAndGet() == FAULT_AFTER) {
                                    struck.subscribe();
                                }
                            });
                }, 10)
                .collectList()
                .block(Duration.ofMinutes(4));
        struck.block(Duration.ofSeconds(60));
        repair.run();

        assertThat(outcomes).hasSize(TUTORS * SESSIONS_EACH);
        assertThat(cancelStatuses.keySet()).as("cancel answers").isSubsetOf(Set.of(200, 202));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Outcome o : outcomes) {
                assertThat(status(o)).as("session " + o.sessionId()).isEqualTo(o.cancelled() ? "cancelled" : "scheduled");
            }
            assertThat(waitingSagas(Set.copyOf(tutors))).as("sagas still waiting for the wallet").isEmpty();
        });

        Map<Long, Long> scheduled = outcomes.stream().filter(o -> !o.cancelled())
                .collect(Collectors.groupingBy(Outcome::tutor, Collectors.counting()));
        for (long tutor : tutors) {
            JsonNode balance = get(wallet, "/api/marketplace/tutor/coaching/hours-balance", TestJwt.tutor(tutor));
            assertThat(balance.get("hours_balance").asDouble()).as("hours of tutor " + tutor)
                    .isEqualTo((double) (SESSIONS_EACH - scheduled.getOrDefault(tutor, 0L)));
        }
        JsonNode report = get(wallet, "/api/admin/wallet/reconciliation", ADMIN);
        assertThat(report.get("discrepancies").size()).as(report.toString()).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    private void fund(long tutor) {
        wallet.post().uri("/api/admin/wallet/adjustments").headers(h -> h.setBearerAuth(SUPER_ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"tutor_id\": " + tutor + ", \"amount\": 200, \"reason\": \"fault test funding\"}")
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
        wallet.post().uri("/api/marketplace/tutor/coaching/purchase-hours").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"hours\": " + SESSIONS_EACH + "}")
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
    }

    private Mono<Long> create(long tutor, int i, Instant start) {
        return sessions.post().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"title": "Fault %d", "start_time": "%s", "end_time": "%s", "student_ids": [1]}
                        """.formatted(i, start, start.plus(Duration.ofHours(1))))
                .exchangeToMono(response -> {
                    assertThat(response.statusCode().value()).as("create " + i).isIn(201, 202);
                    return response.bodyToMono(String.class);
                })
                .map(body -> TestEvents.json().readTree(body).at("/data/id").asLong());
    }

    private Mono<Outcome> cancel(long tutor, long id, Map<Integer, Integer> statuses) {
        return sessions.delete().uri(SESSIONS + "/" + id).headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .doOnNext(status -> statuses.merge(status, 1, Integer::sum))
                .thenReturn(new Outcome(tutor, id, true));
    }

    private String status(Outcome o) {
        return get(sessions, SESSIONS + "/" + o.sessionId(), TestJwt.tutor(o.tutor())).get("status").asString();
    }

    /** Sagas of these tutors still waiting for a wallet reply, from session-service's admin view. */
    private List<JsonNode> waitingSagas(Set<Long> tutors) {
        List<JsonNode> waiting = new ArrayList<>();
        for (String state : List.of("awaiting", "compensating")) {
            for (int page = 1; ; page++) {
                JsonNode sagas = get(sessions, "/api/admin/session-service/sagas?state=" + state + "&limit=100&page=" + page,
                        ADMIN).get("sagas");
                sagas.forEach(saga -> {
                    if (tutors.contains(saga.at("/data/tutor_id").asLong())) {
                        waiting.add(saga);
                    }
                });
                if (sagas.size() < 100) {
                    break;
                }
            }
        }
        return waiting;
    }

    private static JsonNode get(WebClient client, String uri, String token) {
        String body = client.get().uri(uri).headers(h -> h.setBearerAuth(token)).retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(30));
        return TestEvents.json().readTree(body).get("data");
    }
}
