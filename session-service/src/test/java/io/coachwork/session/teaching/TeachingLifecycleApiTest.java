package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.session.support.TeachingIntegrationTest;
import io.coachwork.session.support.VideoStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002 §4 through the API: who sees a session, start and complete, joining the call and attendance. */
class TeachingLifecycleApiTest extends TeachingIntegrationTest {

    private static final Instant START = Instant.parse("2042-05-04T10:00:00Z");

    @Test
    void onlyTheTutorAndTheBookedStudentsSeeASession() {
        clock.set(START.minus(Duration.ofDays(1)));
        long tutor = newUser();
        long first = newUser();
        long second = newUser();
        String id = bookedSession(tutor, "GROUP", 3, START, 60, first, second);

        JsonNode asTutor = json(get(tutor, "/" + id).expectStatus().isOk());
        assertThat(asTutor.at("/data/your_role").asString()).isEqualTo("TUTOR");
        assertThat(asTutor.at("/data/status").asString()).isEqualTo("SCHEDULED");
        assertThat(asTutor.at("/data/session_type").asString()).isEqualTo("GROUP");
        assertThat(asTutor.at("/data/participant_count").asInt()).isEqualTo(2);
        assertThat(asTutor.at("/data/participants")).hasSize(2);
        assertThat(asTutor.at("/data/starts_at").asString()).isEqualTo("2042-05-04T10:00:00.000Z");
        assertThat(asTutor.at("/data/timezone").asString()).isEqualTo("Europe/Berlin");

        JsonNode asStudent = json(get(first, "/" + id).expectStatus().isOk());
        assertThat(asStudent.at("/data/your_role").asString()).isEqualTo("STUDENT");
        assertThat(asStudent.at("/data/participants")).hasSize(1);
        assertThat(asStudent.at("/data/participants/0/student_id").asLong()).isEqualTo(first);

        get(newUser(), "/" + id).expectStatus().isNotFound().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Teaching session not found");
        get(tutor, "/" + UUID.randomUUID()).expectStatus().isNotFound();
        get(tutor, "/not-a-session").expectStatus().isNotFound();
        get(tutor, "/" + "9".repeat(400)).expectStatus().isNotFound();
        web.get().uri(TEACHING + "/" + id + "%00").headers(h -> h.setBearerAuth(io.coachwork.platform.test.TestJwt.tutor(tutor)))
                .exchange().expectStatus().isBadRequest();
        web.get().uri(TEACHING + "/" + id).exchange().expectStatus().isUnauthorized();

        // A student whose booking was cancelled no longer sees it.
        String bookingId = db.sql("SELECT booking_id::text AS b FROM teaching_participant WHERE session_id = $1 AND student_id = $2")
                .bind(0, UUID.fromString(id)).bind(1, second).map((row, meta) -> row.get("b", String.class)).one().block();
        apply(EventTypes.REMOVE_TEACHING_PARTICIPANT, new TeachingCommands.RemoveTeachingParticipant(
                UUID.randomUUID().toString(), id, bookingId, null, Topics.SCHEDULING_SAGA_REPLIES));
        get(second, "/" + id).expectStatus().isNotFound();
        get(first, "/" + id).expectStatus().isOk();
    }

    @Test
    void theTutorStartsFromFiveMinutesBeforeTheStartAndNobodyElseDoes() {
        clock.set(START.minus(Duration.ofDays(1)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, student);

        clock.set(START.minus(Duration.ofMinutes(6)));
        patch(tutor, "/" + id + "/start").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("5 minutes before its start time"));
        clock.set(START.minus(Duration.ofMinutes(5)));
        patch(student, "/" + id + "/start").expectStatus().isForbidden();
        patch(newUser(), "/" + id + "/start").expectStatus().isNotFound();
        JsonNode started = json(patch(tutor, "/" + id + "/start").expectStatus().isOk());
        assertThat(started.at("/data/status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.at("/data/started_at").asString()).isEqualTo("2042-05-04T09:55:00.000Z");
        patch(tutor, "/" + id + "/start").expectStatus().isEqualTo(409);
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_STARTED, id)).isEqualTo(1);
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_STARTED, id).get("actor_id").asLong()).isEqualTo(tutor);

        // After the no-show deadline an unstarted session cannot be started any more.
        String late = bookedSession(tutor, "ONE_TO_ONE", 1, START.plus(Duration.ofHours(3)), 60, newUser());
        clock.set(START.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(15)));
        patch(tutor, "/" + late + "/start").expectStatus().isEqualTo(409);
    }

    @Test
    void joiningGivesTheRightVideoRoleAndEveryJoinIsARowWhoseTimeAddsUp() {
        clock.set(START.minus(Duration.ofDays(1)));
        long tutor = newUser();
        long first = newUser();
        long second = newUser();
        String group = bookedSession(tutor, "GROUP", 3, START, 60, first, second);
        String single = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, first);

        clock.set(START.minus(Duration.ofMinutes(1)));
        post(first, "/" + group + "/join").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("Session has not started yet");
        patch(tutor, "/" + group + "/start").expectStatus().isOk();
        patch(tutor, "/" + single + "/start").expectStatus().isOk();

        JsonNode tutorJoin = json(post(tutor, "/" + group + "/join").expectStatus().isOk());
        assertThat(tutorJoin.at("/data/role").asString()).isEqualTo("PUBLISHER");
        assertThat(tutorJoin.at("/data/channel_name").asString()).isEqualTo("teaching_" + group);
        assertThat(tutorJoin.at("/data/video/channel_name").asString()).isEqualTo("teaching_" + group);
        assertThat(tutorJoin.at("/data/video/uid").asLong()).isEqualTo(tutor);
        // The token lasts until the session would be auto-completed: 61 + 15 minutes.
        assertThat(tutorJoin.at("/data/video/token").asString()).endsWith(":" + (76 * 60));
        JsonNode studentJoin = json(post(first, "/" + group + "/join").expectStatus().isOk());
        assertThat(studentJoin.at("/data/role").asString()).isEqualTo("SUBSCRIBER");
        assertThat(json(post(first, "/" + single + "/join").expectStatus().isOk()).at("/data/role").asString())
                .isEqualTo("PUBLISHER");
        post(newUser(), "/" + group + "/join").expectStatus().isNotFound();

        // The connection drops after 10 minutes; the student rejoins at 12 and leaves at 30.
        clock.set(START.plus(Duration.ofMinutes(12)));
        long firstRow = studentJoin.at("/data/attendance_id").asLong();
        JsonNode rejoin = json(post(first, "/" + group + "/join").expectStatus().isOk());
        assertThat(rejoin.at("/data/attendance_id").asLong()).isNotEqualTo(firstRow);
        assertThat(count("SELECT count(*) FROM teaching_attendance WHERE session_id = $1 AND user_id = $2",
                UUID.fromString(group), first)).isEqualTo(2);
        assertThat(status(group)).isEqualTo("IN_PROGRESS");
        clock.set(START.plus(Duration.ofMinutes(30)));
        JsonNode left = json(post(first, "/" + group + "/leave").expectStatus().isOk());
        assertThat(left.at("/data/was_in_call").asBoolean()).isTrue();
        // 13 minutes before the drop was noticed at the rejoin, then 18: the first row closed at the rejoin.
        assertThat(left.at("/data/attended_seconds").asLong()).isEqualTo(31 * 60);
        assertThat(json(post(first, "/" + group + "/leave").expectStatus().isOk()).at("/data/was_in_call").asBoolean())
                .isFalse();

        JsonNode detail = json(get(tutor, "/" + group));
        assertThat(detail.at("/data/attended_seconds").asLong()).isEqualTo(31 * 60);
        assertThat(detail.at("/data/in_call").asBoolean()).isTrue();

        // The tutor completes: everyone still in the call leaves with it, attended time is final.
        clock.set(START.plus(Duration.ofMinutes(50)));
        JsonNode completed = json(patch(tutor, "/" + group + "/complete").expectStatus().isOk());
        assertThat(completed.at("/data/status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.at("/data/completed_at").asString()).isEqualTo("2042-05-04T10:50:00.000Z");
        assertThat(count("SELECT count(*) FROM teaching_attendance WHERE session_id = $1 AND left_at IS NULL",
                UUID.fromString(group))).isZero();
        JsonNode event = lastEvent(EventTypes.TEACHING_SESSION_COMPLETED, group);
        assertThat(event.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(event.get("participants")).anySatisfy(p -> {
            assertThat(p.get("student_id").asLong()).isEqualTo(first);
            assertThat(p.get("attended_seconds").asLong()).isEqualTo(31 * 60);
        });
        clock.set(START.plus(Duration.ofMinutes(55)));
        assertThat(json(get(tutor, "/" + group)).at("/data/attended_seconds").asLong()).isEqualTo(51 * 60);
        post(first, "/" + group + "/join").expectStatus().isEqualTo(409);
        patch(tutor, "/" + group + "/complete").expectStatus().isEqualTo(409);
    }

    @Test
    void anEmptySessionIsNotCompletedEarlyAndVideoNotConfiguredAnswers503() {
        clock.set(START.minus(Duration.ofDays(1)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 30, student);
        clock.set(START);
        patch(tutor, "/" + id + "/start").expectStatus().isOk();
        patch(student, "/" + id + "/complete").expectStatus().isForbidden();
        patch(tutor, "/" + id + "/complete").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("No student has joined yet"));

        VideoStandIn.CONFIGURED.set(false);
        try {
            post(student, "/" + id + "/join").expectStatus().isEqualTo(503).expectBody()
                    .jsonPath("$.success").isEqualTo(false)
                    .jsonPath("$.message").isEqualTo("Video is not configured");
        } finally {
            VideoStandIn.CONFIGURED.set(true);
        }
        assertThat(count("SELECT count(*) FROM teaching_attendance WHERE session_id = $1", UUID.fromString(id))).isZero();

        clock.set(START.plus(Duration.ofMinutes(30)));
        JsonNode closed = json(patch(tutor, "/" + id + "/complete").expectStatus().isOk());
        assertThat(closed.at("/data/status").asString()).isEqualTo("NO_SHOW");
        assertThat(closed.at("/data/no_show").asString()).isEqualTo("STUDENTS");
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_NO_SHOW, id).get("no_show").asString()).isEqualTo("STUDENTS");
    }
}
