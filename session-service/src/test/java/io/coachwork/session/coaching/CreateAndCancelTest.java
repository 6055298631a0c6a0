package io.coachwork.session.coaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Create and cancel, body for body as seed 000 answers them, and what they leave behind: the id a
 * session gets from its insert is the one its participants, saga, Stream call and events carry.
 */
class CreateAndCancelTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2034-04-02T09:00:00Z");
    private static final Instant START = Instant.parse("2034-04-05T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(60));
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final int BURST = 16;

    @LocalServerPort
    int port;

    @Test
    void aReservedCreateAndItsCancelAnswerSeed000sBodiesAndTellEveryStudent() {
        clock.set(NOW);
        long tutor = newUser();
        long first = newStudent();
        long second = newStudent();
        long later = newStudent();
        CompletableFuture<WalletCommands.ReserveHours> wallet =
                WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.reserved(cmd, 240));

        String created = body(create(tutor, sessionJson("Closures", START, END, first, second, first))
                .expectStatus().isCreated());
        WalletCommands.ReserveHours reserve = answered(wallet);
        long id = reserve.sessionId();
        String callId = callId(created);
        assertThat(callId).matches("coaching_" + id + "_" + UUID);
        assertThat(created).isEqualTo("""
                {"success":true,"message":"Coaching session created successfully","data":{"id":%d,"title":"Closures",\
                "start_time":"2034-04-05T10:00:00.000Z","end_time":"2034-04-05T11:00:00.000Z","duration_minutes":60,\
                "stream_call_id":"%s","view_link":"https://app.stream.io/coaching/session/%s","status":"scheduled",\
                "hours_reserved":1.0,"student_count":2}}""".formatted(id, callId, callId));
        assertThat(saga(reserve.sagaId())).isEqualTo("idle reserve");
        JsonNode announced = event(EventTypes.COACHING_SESSION_CREATED, id);
        assertThat(announced.get("status").asString()).isEqualTo("scheduled");
        assertThat(announced.get("stream_call_id").asString()).isEqualTo(callId);
        assertThat(announced.get("student_ids").toString()).isEqualTo("[" + first + "," + second + "]");
        JsonNode detail = json(tutorGet(tutor, "/" + id).expectStatus().isOk()).get("data");
        assertThat(detail.get("status").asString()).isEqualTo("scheduled");
        assertThat(detail.at("/participants/0/student/id").asLong()).isEqualTo(first);
        assertThat(detail.at("/participants/1/student/id").asLong()).isEqualTo(second);
        assertThat(detail.at("/participants/0/invited_at").asString()).isEqualTo("2034-04-02T09:00:00.000Z");

        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d]}".formatted(later)).expectStatus().isOk();
        WalletStandIn.answerNextRelease(tutor, id, 60);
        assertThat(body(cancel(tutor, id).expectStatus().isOk())).isEqualTo("""
                {"success":true,"message":"Session cancelled successfully","data":{"id":%d,"status":"cancelled"}}"""
                .formatted(id));
        // The cancel answered 200 once the wallet had released the hold: the saga is done.
        assertThat(saga(reserve.sagaId())).isEqualTo("completed release");
        assertThat(sessionStatus(id)).isEqualTo("cancelled");
        JsonNode told = event(EventTypes.COACHING_SESSION_CANCELLED, id);
        assertThat(told.get("status").asString()).isEqualTo("cancelled");
        assertThat(told.get("reason").asString()).isEqualTo(SessionEvents.CANCELLED_BY_TUTOR);
        assertThat(told.get("student_ids").toString()).isEqualTo("[" + first + "," + second + "," + later + "]");
    }

    @Test
    void aPendingCreateAnswers202AndAStudentInvitedMeanwhileIsAnnouncedWithTheCreation() {
        clock.set(NOW);
        long tutor = newUser();
        long first = newStudent();
        long invited = newStudent();

        String pending = body(create(tutor, sessionJson("Wallet slow", START, END, first)).expectStatus().isAccepted());
        WalletCommands.ReserveHours reserve = WalletStandIn.awaitCommand(EventTypes.RESERVE_HOURS,
                WalletCommands.ReserveHours.class, tutor, cmd -> true);
        long id = reserve.sessionId();
        String callId = callId(pending);
        assertThat(callId).matches("coaching_" + id + "_" + UUID);
        assertThat(pending).isEqualTo("""
                {"success":true,"message":"Coaching session is being created; hours are being reserved","data":\
                {"id":%d,"title":"Wallet slow","start_time":"2034-04-05T10:00:00.000Z",\
                "end_time":"2034-04-05T11:00:00.000Z","duration_minutes":60,"stream_call_id":"%s",\
                "view_link":"https://app.stream.io/coaching/session/%s","status":"pending","hours_reserved":1.0,\
                "student_count":1}}""".formatted(id, callId, callId));
        assertThat(saga(reserve.sagaId())).isEqualTo("awaiting reserve");

        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d]}".formatted(invited)).expectStatus().isOk();
        WalletStandIn.reply(tutor, reserve.sagaId(), WalletStandIn.reserved(reserve, 300));
        await().atMost(Duration.ofSeconds(15)).until(() -> "scheduled".equals(sessionStatus(id)));

        assertThat(saga(reserve.sagaId())).isEqualTo("idle reserve");
        JsonNode announced = event(EventTypes.COACHING_SESSION_CREATED, id);
        assertThat(announced.get("student_ids").toString()).isEqualTo("[" + first + "," + invited + "]");
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_STUDENTS_INVITED, id)).isZero();
    }

    @Test
    void concurrentCreatesTakeConsecutiveIdsEachCarriedByItsParticipantsSagaAndCallId() {
        clock.set(NOW);
        List<Long> tutors = new ArrayList<>();
        List<Long> students = new ArrayList<>();
        List<CompletableFuture<WalletCommands.ReserveHours>> wallets = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            long tutor = newUser();
            tutors.add(tutor);
            students.add(newStudent());
            wallets.add(WalletStandIn.answerNextReserve(tutor, cmd -> WalletStandIn.reserved(cmd, 600)));
        }
        long before = count("SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('coaching_session', 'id')), 0)");

        WebClient client = WebClient.create("http://localhost:" + port);
        List<JsonNode> answers = Flux.range(0, BURST)
                .flatMapSequential(i -> client.post().uri(SESSIONS)
                        .headers(h -> h.setBearerAuth(TestJwt.tutor(tutors.get(i))))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(sessionJson("Burst " + i, START, END, students.get(i)))
                        .retrieve().bodyToMono(String.class)
                        .map(body -> TestEvents.json().readTree(body).get("data")), BURST)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(BURST).allMatch(data -> "scheduled".equals(data.get("status").asString()));
        List<Long> ids = answers.stream().map(data -> data.get("id").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids.stream().sorted().toList())
                .isEqualTo(LongStream.rangeClosed(before + 1, before + BURST).boxed().toList());
        for (int i = 0; i < BURST; i++) {
            long id = ids.get(i);
            WalletCommands.ReserveHours reserve = answered(wallets.get(i));
            assertThat(reserve.sessionId()).isEqualTo(id);
            assertThat(answers.get(i).get("stream_call_id").asString()).matches("coaching_" + id + "_" + UUID);
            assertThat(count("SELECT count(*) FROM coaching_session WHERE id = $1 AND tutor_id = $2 AND title = $3 "
                    + "AND saga_id = CAST($4 AS uuid)", id, tutors.get(i), "Burst " + i, reserve.sagaId())).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM saga_instance WHERE saga_id = CAST($1 AS uuid) "
                    + "AND (data->>'session_id')::bigint = $2", reserve.sagaId(), id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM coaching_session_participant WHERE session_id = $1 "
                    + "AND student_id = $2", id, students.get(i))).isEqualTo(1);
            assertThat(event(EventTypes.COACHING_SESSION_CREATED, id).get("student_ids").toString())
                    .isEqualTo("[" + students.get(i) + "]");
        }
    }

    private static String body(WebTestClient.ResponseSpec response) {
        return new String(response.expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    private static String callId(String body) {
        return TestEvents.json().readTree(body).at("/data/stream_call_id").asString();
    }

    /** The saga's state and step. */
    private String saga(String sagaId) {
        return db.sql("SELECT state || ' ' || step AS s FROM saga_instance WHERE saga_id = CAST($1 AS uuid)")
                .bind(0, sagaId).map((row, meta) -> row.get("s", String.class)).one().block();
    }

    /** The one event of {@code type} written for the session, as published. */
    private JsonNode event(String type, long sessionId) {
        String payload = db.sql("SELECT payload FROM outbox_event WHERE event_type = $1 AND message_key = $2")
                .bind(0, type).bind(1, Long.toString(sessionId))
                .map((row, meta) -> row.get("payload", String.class)).one().block();
        return TestEvents.json().readTree(payload).get("data");
    }
}
