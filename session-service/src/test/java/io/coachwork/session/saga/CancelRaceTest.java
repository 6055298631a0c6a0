package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7 item 8: a cancel racing the wallet's reservation reply. Cancel locked the session then the
 * saga step while the reply handler locked them the other way round, and the loser of the deadlock
 * answered 500. Now both lock the session first; every cancel answers 200 and every session ends
 * cancelled with its hold released, whichever came first.
 */
class CancelRaceTest extends SessionIntegrationTest {

    private static final int RACES = 20;
    private static final Instant NOW = Instant.parse("2038-05-01T08:00:00Z");
    private static final Instant START = Instant.parse("2038-05-10T08:00:00Z");

    @LocalServerPort
    int port;

    @Test
    void cancelsRacingReservationRepliesAllAnswer200AndEndCancelled() {
        clock.set(NOW);
        long tutor = newUser();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Long> ids = Flux.range(0, RACES)
                .flatMap(i -> client.post().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(sessionJson("Race " + i, START.plus(Duration.ofHours(2L * i)),
                                START.plus(Duration.ofHours(2L * i + 1))))
                        .retrieve().bodyToMono(String.class)
                        .map(body -> TestEvents.json().readTree(body).at("/data/id").asLong()), RACES)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(ids).hasSize(RACES);

        List<Integer> cancels = Flux.fromIterable(ids)
                .flatMap(id -> {
                    WalletCommands.ReserveHours reserve = WalletStandIn.awaitCommand(EventTypes.RESERVE_HOURS,
                            WalletCommands.ReserveHours.class, tutor, cmd -> cmd.sessionId() == id);
                    // A cancel that finds the session scheduled waits for the release: the wallet answers it.
                    WalletStandIn.answerNextRelease(tutor, id, 60);
                    Mono<Integer> reply = Mono.fromRunnable(() -> WalletStandIn.reply(tutor, reserve.sagaId(),
                            WalletStandIn.reserved(reserve, 600))).subscribeOn(Schedulers.boundedElastic()).then(Mono.empty());
                    Mono<Integer> cancel = client.delete().uri(SESSIONS + "/" + id)
                            .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
                    return Flux.merge(reply, cancel);
                }, RACES)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(cancels).hasSize(RACES).allMatch(status -> status == 200);
        for (long id : ids) {
            assertThat(sessionStatus(id)).isEqualTo("cancelled");
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM saga_instance s "
                    + "JOIN coaching_session c ON c.saga_id = s.saga_id WHERE c.id = $1 AND s.step = 'release'", id) == 1);
        }
    }
}
