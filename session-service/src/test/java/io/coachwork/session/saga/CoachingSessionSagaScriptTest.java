package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ConfirmHours;
import io.coachwork.contracts.wallet.WalletCommands.ReleaseHours;
import io.coachwork.contracts.wallet.WalletCommands.ReserveHours;
import io.coachwork.contracts.wallet.WalletCommands.SettleHours;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.saga.SagaEngine;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.saga.SagaScript;
import io.coachwork.session.support.SessionIntegrationTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coaching-session saga as scripts, one per path: "expect this command, given this reply,
 * expect the next". Wallet-service is played over the real broker.
 */
class CoachingSessionSagaScriptTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2037-02-01T09:00:00Z");
    private static final Instant START = Instant.parse("2037-02-03T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(60));

    @Autowired
    SagaEngine engine;
    @Autowired
    ConnectionFactory connections;

    private SagaScript wallet() {
        return SagaScript.of(db, Topics.WALLET_COMMANDS, Topics.SESSION_SAGA_REPLIES);
    }

    /** Sends a request in the background: it waits for the reply the script gives. */
    private static CompletableFuture<HttpStatus> inBackground(Supplier<WebTestClient.ResponseSpec> request) {
        return CompletableFuture.supplyAsync(() -> HttpStatus.valueOf(request.get().returnResult(String.class)
                .getStatus().value()));
    }

    private CompletableFuture<HttpStatus> createInBackground(long tutor) {
        return inBackground(() -> create(tutor, sessionJson("Scripted", START, END)));
    }

    /** A new tutor's session being created: the request waiting in the background, the reservation it sent. */
    private record Creation(long tutor, CompletableFuture<HttpStatus> answer, SagaScript script, ReserveHours reserve) {
    }

    private Creation creationReserving() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<HttpStatus> created = createInBackground(tutor);
        SagaScript script = wallet();
        return new Creation(tutor, created, script, reserveSent(script, tutor).command());
    }

    /** The reservation of the tutor's new session, as the script sees it go out. */
    private static SagaScript.Expected<ReserveHours> reserveSent(SagaScript script, long tutor) {
        return script.expectCommand(EventTypes.RESERVE_HOURS, ReserveHours.class, cmd -> cmd.tutorId() == tutor);
    }

    @Test
    void reserveThenSettleAtTheEnd() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<HttpStatus> created = createInBackground(tutor);
        SagaScript script = wallet();

        SagaScript.Expected<ReserveHours> expected = reserveSent(script, tutor);
        ReserveHours reserve = expected.command();
        expected.andGivenReply(EventTypes.HOURS_RESERVED, cmd -> new WalletReplies.HoursReserved(cmd.sagaId(),
                        tutor, cmd.sessionId(), 60, false, 540))
                .expectState("idle", CoachingSessionSaga.RESERVE);
        assertThat(answered(created)).isEqualTo(HttpStatus.CREATED);
        assertThat(sessionStatus(reserve.sessionId())).isEqualTo("scheduled");

        startAt(tutor, reserve.sessionId(), START);
        clock.set(START.plus(Duration.ofMinutes(30)));
        CompletableFuture<HttpStatus> ended = inBackground(() -> tutorPost(tutor, "/" + reserve.sessionId() + "/end"));

        script.expectCommand(EventTypes.SETTLE_HOURS, SettleHours.class, cmd -> cmd.usedMinutes() == 30)
                .andGivenReply(EventTypes.HOURS_SETTLED, cmd -> new WalletReplies.HoursSettled(cmd.sagaId(), tutor,
                        cmd.sessionId(), 30, 30, 570))
                .expectState("completed", CoachingSessionSaga.SETTLE);
        // The end waited for the settlement (issue 7 item 7): the balance read after it is the settled one.
        assertThat(answered(ended)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRefusedReservationFailsTheSaga() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<HttpStatus> created = createInBackground(tutor);

        SagaScript script = reserveSent(wallet(), tutor)
                .andGivenReply(EventTypes.HOURS_RESERVATION_REFUSED, cmd -> new WalletReplies.HoursReservationRefused(
                        cmd.sagaId(), tutor, cmd.sessionId(), 60, 15))
                .expectState("failed", CoachingSessionSaga.RESERVE);

        assertThat(answered(created)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(script.commandsSent(EventTypes.RELEASE_HOURS)).isZero();
    }

    @Test
    void cancellingAScheduledSessionReleasesItsHold() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<HttpStatus> created = createInBackground(tutor);
        SagaScript script = wallet();
        SagaScript.Expected<ReserveHours> expected = reserveSent(script, tutor);
        ReserveHours reserve = expected.command();
        expected.andGivenReply(EventTypes.HOURS_RESERVED, cmd -> new WalletReplies.HoursReserved(cmd.sagaId(), tutor,
                        cmd.sessionId(), 60, false, 540))
                .expectState("idle", CoachingSessionSaga.RESERVE);
        answered(created);

        CompletableFuture<HttpStatus> cancelled = inBackground(() -> cancel(tutor, reserve.sessionId()));

        script.expectCommand(EventTypes.RELEASE_HOURS, ReleaseHours.class, cmd -> cmd.sessionId() == reserve.sessionId())
                .andGivenReply(EventTypes.HOURS_RELEASED, cmd -> new WalletReplies.HoursReleased(cmd.sagaId(), tutor,
                        cmd.sessionId(), 60, 600))
                .expectState("completed", CoachingSessionSaga.RELEASE);
        assertThat(answered(cancelled)).isEqualTo(HttpStatus.OK);
    }

    /** Issue 7 item 17: cancelling a running session settles the minutes used and returns only the rest. */
    @Test
    void cancellingARunningSessionSettlesTheMinutesUsed() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60);
        startAt(tutor, id, START);
        clock.set(START.plus(Duration.ofMinutes(25)).plusSeconds(30));
        CompletableFuture<HttpStatus> cancelled = inBackground(() -> cancel(tutor, id));

        SagaScript script = wallet();
        script.expectCommand(EventTypes.SETTLE_HOURS, SettleHours.class, cmd -> cmd.sessionId() == id)
                .andGivenReply(EventTypes.HOURS_SETTLED, cmd -> new WalletReplies.HoursSettled(cmd.sagaId(), tutor,
                        id, cmd.usedMinutes(), 60 - cmd.usedMinutes(), 574))
                .expectState("completed", CoachingSessionSaga.SETTLE);
        assertThat(answered(cancelled)).isEqualTo(HttpStatus.OK);
        assertThat(script.commandsSent(EventTypes.SETTLE_HOURS)).isEqualTo(1);
        assertThat(script.commandsSent(EventTypes.RELEASE_HOURS)).isZero();
        assertThat(count("SELECT (data->>'used_minutes')::bigint FROM saga_instance WHERE saga_id = CAST($1 AS uuid)",
                script.sagaId())).isEqualTo(26);
        tutorGet(tutor, "/" + id).expectBody().jsonPath("$.data.status").isEqualTo("cancelled")
                .jsonPath("$.data.hours_used").isEqualTo(0.43);
    }

    /** Issue 7 item 7: with the wallet silent, an end answers 202 after the bounded wait, not 200. */
    @Test
    void anEndTheWalletDoesNotAnswerInTimeAnswers202() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60);
        startAt(tutor, id, START);
        clock.set(START.plus(Duration.ofMinutes(10)));

        tutorPost(tutor, "/" + id + "/end").expectStatus().isAccepted().expectBody()
                .jsonPath("$.message").isEqualTo("Session ended; the hours used are being settled")
                .jsonPath("$.data.status").isEqualTo("ended")
                .jsonPath("$.data.hours_used").isEqualTo(0.17);
    }

    @Test
    void aReservationUnansweredPastItsTimeoutFailsTheSessionAndIsCompensatedByARelease() {
        Creation creation = creationReserving();
        long tutor = creation.tutor();
        CompletableFuture<HttpStatus> created = creation.answer();
        SagaScript script = creation.script();
        ReserveHours reserve = creation.reserve();
        assertThat(answered(created)).isEqualTo(HttpStatus.ACCEPTED);

        // Resent with backoff while within the timeout ...
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        engine.recover().block();
        assertThat(script.commandsSent(EventTypes.RESERVE_HOURS)).isEqualTo(2);
        // ... then given up: the session fails and any hold the wallet made is released.
        clock.set(NOW.plus(Duration.ofMinutes(16)));
        engine.recover().block();
        script.expectState("compensating", CoachingSessionSaga.RELEASE);
        assertThat(sessionStatus(reserve.sessionId())).isEqualTo("failed");

        script.expectCommand(EventTypes.RELEASE_HOURS, ReleaseHours.class, cmd -> true)
                .andGivenReply(EventTypes.HOURS_RELEASED, cmd -> new WalletReplies.HoursReleased(cmd.sagaId(), tutor,
                        cmd.sessionId(), 0, 600))
                .expectState("failed", CoachingSessionSaga.RELEASE);
        // A reservation answered after all is recorded, not applied: the session stays failed.
        script.reply(EventTypes.HOURS_RESERVED, new WalletReplies.HoursReserved(script.sagaId(), tutor,
                reserve.sessionId(), 60, false, 540));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM "
                + "saga_reply WHERE saga_id = CAST($1 AS uuid) AND step = 'reserve' AND NOT applied", script.sagaId()) == 1);
        assertThat(sessionStatus(reserve.sessionId())).isEqualTo("failed");
    }

    /** Issue 7 item 9: at start the plan then decides; a confirmed hold lets the session run. */
    @Test
    void atStartAConfirmedHoldLetsTheSessionRun() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60);
        startAt(tutor, id, START);

        wallet().expectCommand(EventTypes.CONFIRM_HOURS, ConfirmHours.class, cmd -> cmd.sessionId() == id)
                .andGivenReply(EventTypes.HOURS_CONFIRMED, cmd -> new WalletReplies.HoursConfirmed(cmd.sagaId(), tutor,
                        id, 0, true, 600))
                .expectState("idle", CoachingSessionSaga.CONFIRM);
        assertThat(sessionStatus(id)).isEqualTo("active");
    }

    /** Issue 7 item 9: booked on an unlimited plan that lapsed, without the hours at start: ended at once. */
    @Test
    void atStartALapsedPlanWithoutHoursEndsTheSessionAndSettlesWhatItRan() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60);
        startAt(tutor, id, START);
        clock.set(START.plus(Duration.ofMinutes(2)));

        SagaScript script = wallet();
        script.expectCommand(EventTypes.CONFIRM_HOURS, ConfirmHours.class, cmd -> cmd.sessionId() == id)
                .andGivenReply(EventTypes.HOURS_CONFIRMATION_REFUSED, cmd -> new WalletReplies.HoursConfirmationRefused(
                        cmd.sagaId(), tutor, id, 60, 10))
                .expectState("awaiting", CoachingSessionSaga.SETTLE)
                .expectCommand(EventTypes.SETTLE_HOURS, SettleHours.class, cmd -> cmd.usedMinutes() == 2);
        assertThat(sessionStatus(id)).isEqualTo("ended");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2 "
                        + "AND payload LIKE '%\"reason\":\"hours_unavailable\"%'", EventTypes.COACHING_SESSION_ENDED,
                Long.toString(id))).isEqualTo(1);
    }

    @Test
    void theAdminViewListsStuckSagas() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<HttpStatus> created = createInBackground(tutor);
        SagaScript script = wallet();
        reserveSent(script, tutor).andNoReply();
        answered(created);
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        engine.recover().block();

        web.get().uri("/api/admin/session-service/sagas?state=stuck&limit=100").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.data.sagas[?(@.saga_id == '" + script.sagaId() + "')].state").isEqualTo("awaiting")
                .jsonPath("$.data.sagas[?(@.saga_id == '" + script.sagaId() + "')].attempts").isEqualTo(2);
        web.get().uri("/api/admin/session-service/sagas?state=nonsense").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isBadRequest();
        web.get().uri("/api/admin/session-service/sagas").headers(h -> h.setBearerAuth(TestJwt.tutor(newUser())))
                .exchange().expectStatus().isForbidden();
    }

    /**
     * The lock order every saga path keeps, now that a reply takes both locks in one statement: while another
     * transaction holds the session, the reply waits for it and has not locked the saga row.
     */
    @Test
    void aReplyWaitsForItsSessionBeforeItLocksTheSaga() {
        Creation creation = creationReserving();
        long tutor = creation.tutor();
        SagaScript script = creation.script();
        ReserveHours reserve = creation.reserve();

        Connection holder = Mono.from(connections.create()).block();
        try {
            Mono.from(holder.beginTransaction()).block();
            Flux.from(holder.createStatement("SELECT id FROM coaching_session WHERE id = $1 FOR UPDATE")
                    .bind("$1", reserve.sessionId()).execute()).flatMap(Result::getRowsUpdated).blockLast();

            script.reply(EventTypes.HOURS_RESERVED, new WalletReplies.HoursReserved(reserve.sagaId(), tutor,
                    reserve.sessionId(), 60, false, 540));
            await().atMost(Duration.ofSeconds(20)).until(() -> count("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%locked_saga%'""") == 1);
            assertThat(count("SELECT count(*) FROM (SELECT 1 FROM saga_instance WHERE saga_id = $1::uuid FOR UPDATE NOWAIT) free",
                    reserve.sagaId())).isOne();
            assertThat(sessionStatus(reserve.sessionId())).isEqualTo("pending");
        } finally {
            Mono.from(holder.rollbackTransaction()).then(Mono.from(holder.close())).block();
        }

        script.expectState("idle", CoachingSessionSaga.RESERVE);
        answered(creation.answer());
        assertThat(sessionStatus(reserve.sessionId())).isEqualTo("scheduled");
    }
}
