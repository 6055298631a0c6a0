package io.coachwork.wallet.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Under concurrency no minute or cent is created or lost, and no tutor balance goes below zero. */
class ReservationConcurrencyTest extends WalletIntegrationTest {

    @Test
    void twentyConcurrentReservationsOfAnHourAgainstThreeHoursHoldExactlyThree() {
        long tutor = newId();
        fund(tutor, "30.0");
        purchaseHours(tutor, "3").expectStatus().isOk();
        assertThat(availableMinutes(tutor)).isEqualTo(180);

        // Keyed by saga, not tutor, so the commands spread over every partition and are applied in parallel.
        Map<String, Long> sessions = IntStream.range(0, 20).boxed()
                .collect(Collectors.toMap(i -> "saga-" + UUID.randomUUID(), i -> newId()));
        List<Map.Entry<String, String>> commands = sessions.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), TestEvents.cloudEvent(EventTypes.RESERVE_HOURS, e.getKey(),
                        new WalletCommands.ReserveHours(e.getKey(), tutor, e.getValue(), 60, Topics.SESSION_SAGA_REPLIES))))
                .toList();
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, commands);

        Set<String> sagas = sessions.keySet();
        List<JsonNode> replies = Records.await(Topics.SESSION_SAGA_REPLIES,
                e -> sagas.contains(e.path("subject").asString()), 20, Duration.ofSeconds(60));

        assertThat(replies).hasSize(20);
        Map<String, Long> byType = replies.stream().collect(Collectors.groupingBy(e -> e.path("type").asString(),
                Collectors.counting()));
        assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of(
                EventTypes.HOURS_RESERVED, 3L, EventTypes.HOURS_RESERVATION_REFUSED, 17L));
        assertThat(availableMinutes(tutor)).isZero();
        assertThat(db.sql("SELECT balance FROM account WHERE owner_id = :t AND code = 'hours_held'").bind("t", tutor)
                .map((row, meta) -> row.get("balance", Long.class)).one().block()).isEqualTo(180);
        get("/api/admin/wallet/reconciliation", TestJwt.token(newId(), "admin")).expectStatus().isOk().expectBody()
                .jsonPath("$.data.ok").isEqualTo(true)
                .jsonPath("$.data.discrepancies.length()").isEqualTo(0);
    }

    @Test
    void concurrentPurchasesNeverSpendMoreThanTheWalletHolds() throws Exception {
        long tutor = newId();
        fund(tutor, "30.0");

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> attempts = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> web.post()
                            .uri("/api/marketplace/tutor/coaching/purchase-hours")
                            .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("{\"hours\": 1}")
                            .exchange()
                            .returnResult(String.class).getStatus().value(), pool))
                    .toList();
            List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(3);
            assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(7);
        } finally {
            pool.shutdown();
        }
        assertThat(walletBalance(tutor)).isEqualByComparingTo("0.0");
        assertThat(availableMinutes(tutor)).isEqualTo(180);
    }
}
