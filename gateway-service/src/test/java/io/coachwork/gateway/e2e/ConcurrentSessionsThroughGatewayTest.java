package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** One tutor with 3 hours fires 20 one-hour sessions at once: exactly 3 are created, nothing is lost. */
class ConcurrentSessionsThroughGatewayTest extends EndToEndTest {

    @Test
    void twentyConcurrentOneHourSessionsOnThreeHoursCreateExactlyThree() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        long student = newStudent();
        adjustWallet(tutor, "30");
        gateway.post().uri("/api/marketplace/tutor/coaching/purchase-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"hours\": 3}")
                .exchange().expectStatus().isOk();

        Instant base = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
        WebClient client = WebClient.create("http://localhost:" + gatewayPort);
        List<Integer> statuses = Flux.range(0, 20)
                .flatMap(i -> client.post().uri("/api/marketplace/tutor/coaching/sessions")
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("""
                                {"title": "Concurrent %d", "start_time": "%s", "end_time": "%s", "student_ids": [%d]}
                                """.formatted(i, base.plus(Duration.ofHours(2L * i)), base.plus(Duration.ofHours(2L * i + 1)), student))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 20)
                .collectList()
                .block(Duration.ofSeconds(90));

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).containsEntry(201, 3L).containsEntry(400, 17L);
        gateway.get().uri("/api/marketplace/tutor/coaching/hours-balance").headers(h -> h.setBearerAuth(token))
                .exchange().expectBody().jsonPath("$.data.hours_balance").isEqualTo(0.0);
        gateway.get().uri("/api/marketplace/tutor/coaching/sessions?status=scheduled").headers(h -> h.setBearerAuth(token))
                .exchange().expectBody().jsonPath("$.data.pagination.total").isEqualTo(3);
        assertBooksReconcile();
    }
}
