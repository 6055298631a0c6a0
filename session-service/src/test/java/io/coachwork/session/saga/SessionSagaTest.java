package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coaching-session saga, one test per path: this command goes out, this reply comes back,
 * this is what the tutor sees. Wallet-service is played over the real broker.
 */
class SessionSagaTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2031-01-15T10:00:00Z");
    private static final Instant START = Instant.parse("2031-01-20T14:00:00Z");
    private static final Instant END = Instant.parse("2031-01-20T15:00:00Z");

    @Test
    void aReservedSessionAnswersSeed000sCreatedShapeAndAnnouncesItself() {
        clock.set(NOW);
        long tutor = newUser();
        long first = newStudent();
        long second = newStudent();
        CompletableFuture<WalletCommands.ReserveHours> wallet =
                WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.reserved(cmd, 240));

        byte[] raw = create(tutor, sessionJson("JavaScript Fundamentals Review", START, END, first, second, second))
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        JsonNode body = TestEvents.json().readTree(raw);
        long id = body.at("/data/id").asLong();
        String callId = body.at("/data/stream_call_id").asString();
        assertThat(fieldNames(body)).containsExactly("success", "message", "data");
        assertThat(fieldNames(body.get("data"))).containsExactly("id", "title", "start_time", "end_time",
                "duration_minutes", "stream_call_id", "view_link", "status", "hours_reserved", "student_count");
        assertThat(body.get("message").asString()).isEqualTo("Coaching session created successfully");
        assertThat(body.at("/data/title").asString()).isEqualTo("JavaScript Fundamentals Review");
        assertThat(body.at("/data/start_time").asString()).isEqualTo("2031-01-20T14:00:00.000Z");
        assertThat(body.at("/data/end_time").asString()).isEqualTo("2031-01-20T15:00:00.000Z");
        assertThat(body.at("/data/duration_minutes").asInt()).isEqualTo(60);
        assertThat(callId).matches("coaching_" + id + "_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(body.at("/data/view_link").asString()).isEqualTo("https://app.stream.io/coaching/session/" + callId);
        assertThat(body.at("/data/status").asString()).isEqualTo("scheduled");
        assertThat(new String(raw)).contains("\"hours_reserved\":1.0,\"student_count\":2}");

        WalletCommands.ReserveHours command = answered(wallet);
        assertThat(command.tutorId()).isEqualTo(tutor);
        assertThat(command.sessionId()).isEqualTo(id);
        assertThat(command.minutes()).isEqualTo(60);
        assertThat(command.replyTopic()).isEqualTo(Topics.SESSION_SAGA_REPLIES);
        assertThat(count("SELECT count(*) FROM saga_reply WHERE saga_id = CAST($1 AS uuid) AND step = 'reserve' "
                + "AND applied", command.sagaId())).isEqualTo(1);

        JsonNode created = sessionEvent(id, EventTypes.COACHING_SESSION_CREATED);
        assertThat(created.get("tutor_id").asLong()).isEqualTo(tutor);
        assertThat(created.get("status").asString()).isEqualTo("scheduled");
        assertThat(created.get("student_ids").toString()).isEqualTo("[" + first + "," + second + "]");
        assertThat(created.get("minutes_reserved").asLong()).isEqualTo(60);
        assertThat(created.get("stream_call_id").asString()).isEqualTo(callId);
        assertThat(created.get("view_link").asString()).endsWith(callId);
        assertThat(created.get("start_time").asString()).isEqualTo("2031-01-20T14:00:00.000Z");
    }

    @Test
    void aRefusedReservationAnswersSeed000sMessageAndTheSessionNeverShowsAsScheduled() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<WalletCommands.ReserveHours> wallet =
                WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.refused(cmd, 30));

        String refusal = "Insufficient coaching hours. Required: 1.0, Available: 0.5. Please purchase more hours.";
        create(tutor, sessionJson("Too long", START, END, newStudent()))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo(refusal);
        WalletCommands.ReserveHours reserve = answered(wallet);
        long sessionId = reserve.sessionId();

        assertThat(sessionStatus(sessionId)).isEqualTo("failed");
        assertThat(count("SELECT count(*) FROM saga_instance WHERE saga_id = CAST($1 AS uuid) AND state = 'failed' "
                + "AND failure = $2", reserve.sagaId(), refusal)).isEqualTo(1);
        // The tutor hears of the outcome as a cancellation with status failed; no student was ever told.
        JsonNode failed = sessionEvent(sessionId, EventTypes.COACHING_SESSION_CANCELLED);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).isEqualTo(refusal);
        assertThat(failed.get("student_ids").toString()).isEqualTo("[]");
        tutorGet(tutor, "").expectStatus().isOk().expectBody()
                .jsonPath("$.data.sessions.length()").isEqualTo(0)
                .jsonPath("$.data.pagination.total").isEqualTo(0);
        tutorGet(tutor, "?status=scheduled").expectBody().jsonPath("$.data.pagination.total").isEqualTo(0);
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_CREATED, sessionId)).isZero();
    }

    @Test
    void cancellingAReservedSessionReleasesItsHours() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();
        long id = scheduledSession(tutor, START, 60, student);

        WalletStandIn.answerNextRelease(tutor, id, 60);
        cancel(tutor, id).expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Session cancelled successfully")
                .jsonPath("$.data.id").isEqualTo(id)
                .jsonPath("$.data.status").isEqualTo("cancelled");

        WalletCommands.ReleaseHours release = WalletStandIn.awaitCommand(EventTypes.RELEASE_HOURS,
                WalletCommands.ReleaseHours.class, tutor, cmd -> cmd.sessionId() == id);
        assertThat(release.replyTopic()).isEqualTo(Topics.SESSION_SAGA_REPLIES);
        WalletStandIn.reply(tutor, release.sagaId(), WalletStandIn.released(release, 60, 600));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM saga_instance WHERE saga_id = "
                + "CAST($1 AS uuid) AND state = 'completed'", release.sagaId()) == 1);

        JsonNode cancelled = sessionEvent(id, EventTypes.COACHING_SESSION_CANCELLED);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("reason").asString()).isEqualTo("cancelled_by_tutor");
        assertThat(cancelled.get("student_ids").toString()).isEqualTo("[" + student + "]");
    }

    @Test
    void endingEarlySettlesTheUsedMinutesRoundedUpAndReleasesTheRest() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60, newStudent());

        clock.set(START.plus(Duration.ofMinutes(5)));
        tutorPost(tutor, "/" + id + "/start").expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Session started successfully")
                .jsonPath("$.data.id").isEqualTo(id)
                .jsonPath("$.data.status").isEqualTo("active")
                .jsonPath("$.data.actual_start_time").isEqualTo("2031-01-20T14:05:00.000Z")
                .jsonPath("$.data.stream_call_id").isNotEmpty()
                .jsonPath("$.data.view_link").isNotEmpty();

        // 44 minutes 10 seconds count as 45 minutes: 0.75 hours of the 1.0 reserved.
        clock.set(START.plus(Duration.ofMinutes(49)).plusSeconds(10));
        WalletStandIn.answerNextSettle(tutor, id, 60);
        byte[] raw = tutorPost(tutor, "/" + id + "/end").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Session ended successfully")
                .jsonPath("$.data.status").isEqualTo("ended")
                .jsonPath("$.data.actual_start_time").isEqualTo("2031-01-20T14:05:00.000Z")
                .jsonPath("$.data.actual_end_time").isEqualTo("2031-01-20T14:49:10.000Z")
                .returnResult().getResponseBody();
        assertThat(new String(raw)).contains("\"hours_reserved\":1.0,\"hours_used\":0.75}");

        WalletCommands.SettleHours settle = WalletStandIn.awaitCommand(EventTypes.SETTLE_HOURS,
                WalletCommands.SettleHours.class, tutor, cmd -> cmd.sessionId() == id);
        assertThat(settle.usedMinutes()).isEqualTo(45);
        WalletStandIn.reply(tutor, settle.sagaId(), WalletStandIn.settled(settle, 60, 555));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM saga_instance WHERE saga_id = "
                + "CAST($1 AS uuid) AND state = 'completed'", settle.sagaId()) == 1);

        JsonNode ended = sessionEvent(id, EventTypes.COACHING_SESSION_ENDED);
        assertThat(ended.get("minutes_used").asLong()).isEqualTo(45);
        assertThat(ended.get("minutes_reserved").asLong()).isEqualTo(60);
        assertThat(ended.get("reason").asString()).isEqualTo("ended_by_tutor");
        tutorGet(tutor, "/" + id).expectBody().jsonPath("$.data.hours_used").isEqualTo(0.75);
    }

    @Test
    void aDuplicatedReplyIsAppliedOnce() {
        clock.set(NOW);
        long tutor = newUser();
        CompletableFuture<WalletCommands.ReserveHours> wallet =
                WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.reserved(cmd, 240));
        long id = json(create(tutor, sessionJson("Twice", START, END)).expectStatus().isCreated()).at("/data/id").asLong();
        WalletCommands.ReserveHours command = answered(wallet);

        // The broker redelivers an event, then the wallet answers a resent command with a new event.
        String again = WalletStandIn.reply(tutor, command.sagaId(), WalletStandIn.reserved(command, 240));
        WalletStandIn.replyAgain(again, tutor, command.sagaId(), WalletStandIn.reserved(command, 240));
        WalletStandIn.reply(tutor, command.sagaId(), WalletStandIn.reserved(command, 120));
        // A later session of the same tutor: its reply shares their partition, so once it is answered,
        // the replies above were handled.
        CompletableFuture<WalletCommands.ReserveHours> marker =
                WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.reserved(cmd, 180));
        create(tutor, sessionJson("Marker", START.plus(Duration.ofDays(1)), END.plus(Duration.ofDays(1))))
                .expectStatus().isCreated().expectBody().jsonPath("$.data.status").isEqualTo("scheduled");
        answered(marker);

        assertThat(outboxEvents(EventTypes.COACHING_SESSION_CREATED, id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM saga_reply r JOIN coaching_session c ON c.saga_id = r.saga_id "
                + "WHERE c.id = $1 AND r.payload LIKE '%\"available_minutes\":240%'",
                id)).isEqualTo(1);
        assertThat(sessionStatus(id)).isEqualTo("scheduled");
    }

    @Test
    void whileTheWalletIsDownCreationAnswers202AndTheResentCommandsReplyLaterSchedulesIt() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();

        JsonNode pending = json(create(tutor, sessionJson("Wallet down", START, END, student))
                .expectStatus().isAccepted());
        long id = pending.at("/data/id").asLong();
        assertThat(pending.get("message").asString()).isEqualTo("Coaching session is being created; hours are being reserved");
        assertThat(pending.at("/data/status").asString()).isEqualTo("pending");
        assertThat(pending.at("/data/hours_reserved").asDouble()).isEqualTo(1.0);
        tutorGet(tutor, "").expectBody()
                .jsonPath("$.data.sessions[0].id").isEqualTo(id)
                .jsonPath("$.data.sessions[0].status").isEqualTo("pending");

        WalletCommands.ReserveHours sent = WalletStandIn.awaitCommand(EventTypes.RESERVE_HOURS,
                WalletCommands.ReserveHours.class, tutor, cmd -> cmd.sessionId() == id);

        // Unanswered for over a minute: the resend job sends the same command (same sagaId) again.
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        web.post().uri("/api/admin/coaching/jobs/saga-resend").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("Saga resend completed");
        AtomicInteger seen = new AtomicInteger();
        assertThat(TopicProbe.awaitRecord(Topics.WALLET_COMMANDS, r -> r.value().contains(sent.sagaId())
                && seen.incrementAndGet() == 2, Duration.ofSeconds(20))).isPresent();
        assertThat(count("SELECT attempts FROM saga_instance WHERE saga_id = CAST($1 AS uuid)", sent.sagaId())).isEqualTo(2);

        WalletStandIn.reply(tutor, sent.sagaId(), WalletStandIn.reserved(sent, 300));
        await().atMost(Duration.ofSeconds(15)).until(() -> "scheduled".equals(sessionStatus(id)));
        tutorGet(tutor, "?status=scheduled").expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(1)
                .jsonPath("$.data.sessions[0].id").isEqualTo(id)
                .jsonPath("$.data.sessions[0].student_count").isEqualTo(1);
        assertThat(sessionEvent(id, EventTypes.COACHING_SESSION_CREATED).get("student_ids").toString())
                .isEqualTo("[" + student + "]");
    }

    @Test
    void cancellingWhileTheReservationIsPendingReleasesAndALateReservationChangesNothing() {
        clock.set(NOW);
        long tutor = newUser();
        long id = json(create(tutor, sessionJson("Changed my mind", START, END, newStudent())).expectStatus().isAccepted())
                .at("/data/id").asLong();
        WalletCommands.ReserveHours reserve = WalletStandIn.awaitCommand(EventTypes.RESERVE_HOURS,
                WalletCommands.ReserveHours.class, tutor, cmd -> cmd.sessionId() == id);

        cancel(tutor, id).expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("cancelled");
        WalletCommands.ReleaseHours release = WalletStandIn.awaitCommand(EventTypes.RELEASE_HOURS,
                WalletCommands.ReleaseHours.class, tutor, cmd -> cmd.sessionId() == id);
        // One saga per session: the release moves it on, so the reservation is no longer awaited.
        assertThat(release.sagaId()).isEqualTo(reserve.sagaId());
        assertThat(count("SELECT count(*) FROM saga_instance WHERE saga_id = CAST($1 AS uuid) AND step = 'release' "
                + "AND state = 'awaiting'", reserve.sagaId())).isEqualTo(1);

        // Only the unanswered release is resent; the abandoned reservation never goes out again.
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        web.post().uri("/api/admin/coaching/jobs/saga-resend").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk();
        assertThat(commandsSent(EventTypes.RESERVE_HOURS, reserve.sagaId())).isEqualTo(1);
        assertThat(commandsSent(EventTypes.RELEASE_HOURS, release.sagaId())).isEqualTo(2);
        assertThat(count("SELECT attempts FROM saga_instance WHERE saga_id = CAST($1 AS uuid)", release.sagaId())).isEqualTo(2);

        WalletStandIn.reply(tutor, reserve.sagaId(), WalletStandIn.reserved(reserve, 0));
        WalletStandIn.reply(tutor, release.sagaId(), WalletStandIn.released(release, 60, 60));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM saga_instance WHERE saga_id = "
                + "CAST($1 AS uuid) AND state = 'completed'", release.sagaId()) == 1);
        assertThat(count("SELECT count(*) FROM saga_reply WHERE saga_id = CAST($1 AS uuid) AND step = 'reserve' "
                + "AND NOT applied", reserve.sagaId())).isEqualTo(1);
        assertThat(sessionStatus(id)).isEqualTo("cancelled");
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_CREATED, id)).isZero();
        JsonNode cancelled = sessionEvent(id, EventTypes.COACHING_SESSION_CANCELLED);
        assertThat(cancelled.get("student_ids").toString()).isEqualTo("[]");
    }

    private static JsonNode sessionEvent(long sessionId, String type) {
        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(Topics.COACHING_SESSIONS,
                        r -> Long.toString(sessionId).equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no " + type + " for session " + sessionId));
        return TestEvents.json().readTree(record.value()).get("data");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
