package io.coachwork.session.coaching;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's coaching-session endpoints: validation, lifecycle rules, ownership and the read shapes. */
class CoachingSessionApiTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2032-03-01T09:00:00Z");
    private static final Instant START = Instant.parse("2032-03-01T10:00:00Z");

    @Test
    void invalidRequestsAreRefusedWithAClearMessageAndCreateNothing() {
        clock.set(NOW);
        long tutor = newUser();
        Instant end = START.plus(Duration.ofHours(1));

        create(tutor, """
                {"start_time": "%s", "end_time": "%s"}""".formatted(START, end))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("title is required")
                .jsonPath("$.errors[0].field").isEqualTo("title");
        create(tutor, sessionJson("Backwards", end, START))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("end_time must be after start_time");
        create(tutor, """
                {"title": "Bad time", "start_time": "tomorrow at ten", "end_time": "%s"}""".formatted(end))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("start_time must be an ISO-8601 date-time such as 2024-01-20T14:00:00.000Z")
                .jsonPath("$.errors[0].field").isEqualTo("start_time");
        create(tutor, sessionJson("Past", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1))))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("start_time cannot be in the past");
        create(tutor, sessionJson("Marathon", START, START.plus(Duration.ofHours(8)).plusSeconds(1)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("A session can last at most 8 hours");
        create(tutor, sessionJson("Bad students", START, end, 4, -2))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("student_ids must be positive ids");
        create(tutor, "{\"title\": ").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Malformed JSON request body");

        tutorGet(tutor, "").expectBody().jsonPath("$.data.pagination.total").isEqualTo(0);
        assertThat(count("SELECT count(*) FROM coaching_session WHERE tutor_id = $1", tutor)).isZero();
        assertThat(count("SELECT count(*) FROM saga_instance WHERE (data->>'tutor_id')::bigint = $1", tutor)).isZero();
    }

    @Test
    void datesNoDatabaseOrArithmeticCanHoldAreRefusedNamingTheFieldNeverA500() {
        clock.set(NOW);
        long tutor = newUser();
        String start = START.toString();
        for (String end : new String[] {START.plus(Duration.ofMinutes((1L << 32) + 60)).toString(),
                "+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"}) {
            create(tutor, """
                    {"title": "Overflow", "start_time": "%s", "end_time": "%s"}""".formatted(start, end))
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.message").isEqualTo("A session can last at most 8 hours")
                    .jsonPath("$.errors[0].field").isEqualTo("end_time");
        }
        create(tutor, """
                {"title": "Far", "start_time": "+300000-01-01T10:00:00Z", "end_time": "+300000-01-01T11:00:00Z"}""")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("start_time can be at most 365 days ahead")
                .jsonPath("$.errors[0].field").isEqualTo("start_time");
        // The JSON layer: numbers, huge numbers and non-scalars in a time field are refused by name too
        for (String value : new String[] {"1e400", "99999999999999999999999999", "{\"year\": 2032}", "[\"x\"]", "true"}) {
            create(tutor, """
                    {"title": "Odd", "start_time": %s, "end_time": "%s"}""".formatted(value, START))
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.success").isEqualTo(false)
                    .jsonPath("$.errors[0].field").isEqualTo("start_time");
        }
        assertThat(count("SELECT count(*) FROM coaching_session WHERE tutor_id = $1", tutor)).isZero();
    }

    @Test
    void aSessionStartsOnceItsStartTimeIsReachedAndOnlyOnce() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 60, newStudent());

        tutorPost(tutor, "/" + id + "/start").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Session start time has not been reached");
        assertThat(sessionStatus(id)).isEqualTo("scheduled");

        startAt(tutor, id, START);
        tutorPost(tutor, "/" + id + "/start").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot start session with status: active");
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_STARTED, id)).isEqualTo(1);

        WalletStandIn.answerNextSettle(tutor, id, 60);
        tutorPost(tutor, "/" + id + "/end").expectStatus().isOk();
        tutorPost(tutor, "/" + id + "/start").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot start session with status: ended");
        tutorPost(tutor, "/" + id + "/end").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot end session with status: ended");
        cancel(tutor, id).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot cancel an ended session");
        assertThat(sessionStatus(id)).isEqualTo("ended");
    }

    @Test
    void invitingIgnoresDuplicatesAndIsRefusedOnceCancelled() {
        clock.set(NOW);
        long tutor = newUser();
        long invited = newStudent();
        long second = newStudent();
        long third = newStudent();
        long id = scheduledSession(tutor, START, 60, invited);

        JsonNode answer = json(tutorPost(tutor, "/" + id + "/invite",
                "{\"student_ids\": [%d, %d, %d, %d]}".formatted(invited, second, second, third)).expectStatus().isOk());
        assertThat(answer.get("message").asString()).isEqualTo("Students invited successfully");
        assertThat(answer.at("/data/invited_count").asInt()).isEqualTo(2);
        assertThat(answer.at("/data/participants/0/student_id").asLong()).isEqualTo(second);
        assertThat(answer.at("/data/participants/1/student_id").asLong()).isEqualTo(third);
        assertThat(answer.at("/data/participants/0/id").isNumber()).isTrue();

        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d]}".formatted(second)).expectStatus().isOk()
                .expectBody().jsonPath("$.data.invited_count").isEqualTo(0)
                .jsonPath("$.data.participants.length()").isEqualTo(0);
        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": []}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("student_ids must list at least one student");
        tutorGet(tutor, "/" + id).expectBody().jsonPath("$.data.student_count").isEqualTo(3);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2 "
                        + "AND payload LIKE $3", EventTypes.COACHING_SESSION_STUDENTS_INVITED, Long.toString(id),
                "%\"student_ids\":[" + second + "," + third + "]%")).isEqualTo(1);

        WalletStandIn.answerNextRelease(tutor, id, 60);
        cancel(tutor, id).expectStatus().isOk();
        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d]}".formatted(newStudent()))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot invite students to a cancelled session");
        cancel(tutor, id).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Session is already cancelled");
    }

    @Test
    void onlyStudentsTheDirectoryKnowsCanBeInvitedTheOthersAreNamed() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();
        long anotherTutor = newUser();
        long stranger = newUser();
        long tutorAndStudent = newUser();
        // Tutors are in the directory from their own calls, with their roles.
        tutorGet(anotherTutor, "").expectStatus().isOk();
        web.get().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.token(tutorAndStudent, "tutor", "student")))
                .exchange().expectStatus().isOk();

        create(tutor, sessionJson("Mixed", START, START.plus(Duration.ofHours(1)), student, stranger, anotherTutor))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Only students can be invited: unknown users " + stranger
                        + "; not students " + anotherTutor)
                .jsonPath("$.errors[0].field").isEqualTo("student_ids");
        assertThat(count("SELECT count(*) FROM coaching_session WHERE tutor_id = $1", tutor)).isZero();
        assertThat(count("SELECT count(*) FROM saga_instance WHERE (data->>'tutor_id')::bigint = $1", tutor)).isZero();

        long id = scheduledSession(tutor, START, 60, student);
        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d, %d]}".formatted(tutor, tutorAndStudent))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Only students can be invited: not students " + tutor)
                .jsonPath("$.errors[0].field").isEqualTo("student_ids");
        tutorGet(tutor, "/" + id).expectBody().jsonPath("$.data.student_count").isEqualTo(1);
        tutorPost(tutor, "/" + id + "/invite", "{\"student_ids\": [%d]}".formatted(tutorAndStudent))
                .expectStatus().isOk().expectBody().jsonPath("$.data.invited_count").isEqualTo(1);
    }

    @Test
    void anotherTutorsSessionIsNotFoundAndOtherRolesAreForbidden() {
        clock.set(NOW);
        long owner = newUser();
        long other = newUser();
        long id = scheduledSession(owner, START, 60);

        tutorGet(other, "/" + id).expectStatus().isNotFound().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Coaching session not found");
        tutorPost(other, "/" + id + "/start").expectStatus().isNotFound();
        tutorPost(other, "/" + id + "/end").expectStatus().isNotFound();
        tutorPost(other, "/" + id + "/token").expectStatus().isNotFound();
        tutorPost(other, "/" + id + "/invite", "{\"student_ids\": [5]}").expectStatus().isNotFound();
        cancel(other, id).expectStatus().isNotFound();
        tutorGet(owner, "/999999999").expectStatus().isNotFound();
        assertThat(sessionStatus(id)).isEqualTo("scheduled");

        web.get().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.student(newUser()))).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.message").isEqualTo("You do not have permission to perform this action");
        web.post().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.student(newUser())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(sessionJson("Nope", START, START.plusSeconds(3600)))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/student/coaching/sessions").headers(h -> h.setBearerAuth(TestJwt.tutor(owner))).exchange()
                .expectStatus().isForbidden();
        web.get().uri(SESSIONS).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void listAndDetailShowSeed000sShapeWithParticipantsFromTheDirectory() {
        clock.set(NOW);
        long tutor = newUser();
        long known = newUser();
        long nameless = newStudent();
        // A student who has called this service is in its directory (from their token's claims).
        web.get().uri("/api/student/coaching/sessions").headers(h -> h.setBearerAuth(TestJwt.student(known)))
                .exchange().expectStatus().isOk();
        long later = scheduledSession(tutor, START.plus(Duration.ofDays(1)), 30);
        long id = scheduledSession(tutor, START, 90, known, nameless);

        JsonNode page = json(tutorGet(tutor, "?page=1&limit=1").expectStatus().isOk());
        assertThat(page.at("/data/pagination/total").asLong()).isEqualTo(2);
        assertThat(page.at("/data/pagination/pages").asLong()).isEqualTo(2);
        assertThat(page.at("/data/pagination/limit").asInt()).isEqualTo(1);
        assertThat(page.at("/data/sessions/0/id").asLong()).isEqualTo(later);

        JsonNode list = json(tutorGet(tutor, "?status=scheduled&page=2&limit=1").expectStatus().isOk());
        JsonNode item = list.at("/data/sessions/0");
        assertThat(names(item)).containsExactly("id", "title", "description", "start_time", "end_time",
                "duration_minutes", "view_link", "status", "hours_reserved", "hours_used", "student_count",
                "actual_start_time", "actual_end_time", "participants", "created_at");
        assertThat(item.get("id").asLong()).isEqualTo(id);
        assertThat(item.get("description").asString()).isEqualTo("Review of core JavaScript concepts");
        assertThat(item.get("duration_minutes").asInt()).isEqualTo(90);
        assertThat(item.get("hours_reserved").asDouble()).isEqualTo(1.5);
        assertThat(item.get("hours_used").toString()).isEqualTo("0.0");
        assertThat(item.get("student_count").asInt()).isEqualTo(2);
        assertThat(item.get("actual_start_time").isNull()).isTrue();
        assertThat(item.get("created_at").asString()).isEqualTo("2032-03-01T09:00:00.000Z");
        JsonNode first = item.at("/participants/0");
        assertThat(names(first)).containsExactly("id", "student", "invited_at", "joined_at", "left_at");
        assertThat(first.at("/student/id").asLong()).isEqualTo(known);
        assertThat(first.at("/student/name").asString()).isEqualTo("User " + known);
        assertThat(first.at("/student/email").asString()).isEqualTo("user" + known + "@example.com");
        assertThat(first.get("invited_at").asString()).isEqualTo("2032-03-01T09:00:00.000Z");
        assertThat(first.get("joined_at").isNull()).isTrue();
        assertThat(item.at("/participants/1/student/id").asLong()).isEqualTo(nameless);
        assertThat(item.at("/participants/1/student/name").isNull()).isTrue();
        assertThat(item.at("/participants/1/student/email").isNull()).isTrue();

        tutorGet(tutor, "?status=ended").expectBody().jsonPath("$.data.pagination.total").isEqualTo(0);
        tutorGet(tutor, "?status=finished").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Invalid status. Valid statuses: scheduled, active, ended, cancelled")
                .jsonPath("$.errors[0].field").isEqualTo("status");
        tutorGet(tutor, "?limit=101").expectStatus().isBadRequest();

        startAt(tutor, id, START.plus(Duration.ofMinutes(5)));
        clock.set(START.plus(Duration.ofMinutes(50)));
        JsonNode detail = json(tutorGet(tutor, "/" + id).expectStatus().isOk()).get("data");
        assertThat(names(detail)).containsExactly("id", "title", "description", "start_time", "end_time",
                "duration_minutes", "stream_call_id", "view_link", "status", "hours_reserved", "hours_used",
                "student_count", "actual_start_time", "actual_end_time", "participants", "created_at", "updated_at");
        assertThat(detail.get("status").asString()).isEqualTo("active");
        assertThat(detail.get("hours_used").asDouble()).isEqualTo(0.75);
        assertThat(detail.get("actual_start_time").asString()).isEqualTo("2032-03-01T10:05:00.000Z");
        assertThat(detail.get("updated_at").asString()).isEqualTo("2032-03-01T10:05:00.000Z");
        assertThat(detail.get("view_link").asString()).endsWith("/" + detail.get("stream_call_id").asString());
    }

    @Test
    void studentsSeeTheirSessionsAndJoinOnlyTheirOwn() throws Exception {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();
        long stranger = newUser();
        long id = scheduledSession(tutor, START, 60, student);
        String studentToken = TestJwt.student(student);

        web.get().uri("/api/student/coaching/sessions").headers(h -> h.setBearerAuth(studentToken)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.pagination.total").isEqualTo(1)
                .jsonPath("$.data.sessions[0].id").isEqualTo(id)
                .jsonPath("$.data.sessions[0].status").isEqualTo("scheduled")
                .jsonPath("$.data.sessions[0].tutor.id").isEqualTo(tutor)
                .jsonPath("$.data.sessions[0].invited_at").isEqualTo("2032-03-01T09:00:00.000Z")
                .jsonPath("$.data.sessions[0].joined_at").isEmpty();
        web.get().uri("/api/student/coaching/sessions?status=bogus").headers(h -> h.setBearerAuth(studentToken))
                .exchange().expectStatus().isBadRequest();

        web.post().uri("/api/student/coaching/sessions/" + id + "/token")
                .headers(h -> h.setBearerAuth(TestJwt.student(stranger))).exchange()
                .expectStatus().isNotFound();
        JsonNode join = json(web.post().uri("/api/student/coaching/sessions/" + id + "/token")
                .headers(h -> h.setBearerAuth(studentToken)).exchange().expectStatus().isOk()).get("data");
        assertThat(join.get("role").asString()).isEqualTo("user");
        assertThat(join.get("userId").asString()).isEqualTo(Long.toString(student));
        // The Stream token itself opens only this session's call, as a plain user.
        JWTClaimsSet claims = SignedJWT.parse(join.get("token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("call_cids"))
                .containsExactly("default:" + join.get("streamCallId").asString());
        assertThat(claims.getStringClaim("role")).isEqualTo("user");
        assertThat(claims.getStringClaim("user_id")).isEqualTo(Long.toString(student));
        tutorGet(tutor, "/" + id).expectBody().jsonPath("$.data.participants[0].joined_at").isEmpty();

        startAt(tutor, id, START.plusSeconds(90));
        web.post().uri("/api/student/coaching/sessions/" + id + "/token").headers(h -> h.setBearerAuth(studentToken))
                .exchange().expectStatus().isOk();
        tutorGet(tutor, "/" + id).expectBody()
                .jsonPath("$.data.participants[0].joined_at").isEqualTo("2032-03-01T10:01:30.000Z");

        clock.set(START.plus(Duration.ofMinutes(20)));
        WalletStandIn.answerNextSettle(tutor, id, 60);
        tutorPost(tutor, "/" + id + "/end").expectStatus().isOk();
        tutorGet(tutor, "/" + id).expectBody()
                .jsonPath("$.data.participants[0].left_at").isEqualTo("2032-03-01T10:20:00.000Z");
        web.post().uri("/api/student/coaching/sessions/" + id + "/token").headers(h -> h.setBearerAuth(studentToken))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Cannot join session with status: ended");
    }

    private static java.util.List<String> names(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
