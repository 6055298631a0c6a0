package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.session.support.TeachingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teaching-session job with a movable clock, run as an external scheduler runs it (the cron
 * secret): starting notices, tutor and student no-shows, auto-completion; a second run changes nothing.
 */
class TeachingJobsTest extends TeachingIntegrationTest {

    private static final String CRON = "/api/cron/session/teaching-lifecycle";

    @org.springframework.beans.factory.annotation.Autowired
    TeachingJobs jobs;

    private JsonNode runJob() {
        return json(web.get().uri(CRON).headers(h -> h.setBearerAuth(CRON_SECRET)).exchange().expectStatus().isOk())
                .get("data");
    }

    @Test
    void theJobNeedsTheCronSecret() {
        web.get().uri(CRON).exchange().expectStatus().isUnauthorized();
        web.get().uri(CRON).headers(h -> h.setBearerAuth("wrong")).exchange().expectStatus().isUnauthorized();
        String admin = "/api/admin/session-service/teaching/jobs/lifecycle";
        web.post().uri(admin).headers(h -> h.setBearerAuth(ADMIN)).exchange().expectStatus().isOk();
        web.post().uri(admin).headers(h -> h.setBearerAuth(io.coachwork.platform.test.TestJwt.tutor(newUser())))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aSessionNobodyStartedIsATutorNoShowAtFifteenMinutesAndTheStartingNoticeWentOutOnce() {
        Instant start = Instant.parse("2043-01-10T10:00:00Z");
        clock.set(start.minus(Duration.ofDays(1)));
        long tutor = newUser();
        String id = bookedSession(tutor, "GROUP", 4, start, 60, newUser(), newUser());

        clock.set(start.minus(Duration.ofMinutes(6)));
        runJob();
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_STARTING, id)).isZero();
        clock.set(start.minus(Duration.ofMinutes(5)));
        assertThat(runJob().get("starting_sent").asInt()).isGreaterThanOrEqualTo(1);
        runJob();
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_STARTING, id)).isEqualTo(1);

        clock.set(start.plus(Duration.ofMinutes(14)));
        runJob();
        assertThat(status(id)).isEqualTo("SCHEDULED");

        clock.set(start.plus(Duration.ofMinutes(15)));
        assertThat(runJob().get("tutor_no_shows").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(status(id)).isEqualTo("NO_SHOW");
        JsonNode event = lastEvent(EventTypes.TEACHING_SESSION_NO_SHOW, id);
        assertThat(event.get("no_show").asString()).isEqualTo("TUTOR");
        assertThat(event.get("participants")).hasSize(2);
        assertThat(event.get("actor_id").isNull()).isTrue();

        // A second run, and a later one, change nothing.
        runJob();
        clock.set(start.plus(Duration.ofHours(5)));
        runJob();
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_NO_SHOW, id)).isEqualTo(1);
        assertThat(json(get(tutor, "/" + id)).at("/data/no_show").asString()).isEqualTo("TUTOR");
        patch(tutor, "/" + id + "/start").expectStatus().isEqualTo(409);
    }

    @Test
    void aStartedSessionNoStudentJoinedIsAStudentNoShowAtItsEnd() {
        Instant start = Instant.parse("2043-02-10T10:00:00Z");
        clock.set(start.minus(Duration.ofDays(1)));
        long tutor = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, start, 45, newUser());
        clock.set(start);
        patch(tutor, "/" + id + "/start").expectStatus().isOk();
        post(tutor, "/" + id + "/join").expectStatus().isOk();

        clock.set(start.plus(Duration.ofMinutes(44)));
        runJob();
        assertThat(status(id)).isEqualTo("IN_PROGRESS");
        clock.set(start.plus(Duration.ofMinutes(45)));
        runJob();
        runJob();
        assertThat(status(id)).isEqualTo("NO_SHOW");
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_NO_SHOW, id)).isEqualTo(1);
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_NO_SHOW, id).get("no_show").asString()).isEqualTo("STUDENTS");
        assertThat(count("SELECT count(*) FROM teaching_attendance WHERE session_id = $1 AND left_at IS NULL",
                UUID.fromString(id))).isZero();
    }

    @Test
    void aSessionLeftRunningIsCompletedAtItsEndOnceTheGraceHasPassed() {
        Instant start = Instant.parse("2043-03-10T10:00:00Z");
        clock.set(start.minus(Duration.ofDays(1)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "GROUP", 4, start, 60, student);
        clock.set(start);
        patch(tutor, "/" + id + "/start").expectStatus().isOk();
        clock.set(start.plus(Duration.ofMinutes(20)));
        post(student, "/" + id + "/join").expectStatus().isOk();

        clock.set(start.plus(Duration.ofMinutes(74)));
        runJob();
        assertThat(status(id)).isEqualTo("IN_PROGRESS");
        clock.set(start.plus(Duration.ofMinutes(75)));
        assertThat(runJob().get("completed").asInt()).isGreaterThanOrEqualTo(1);
        runJob();
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_COMPLETED, id)).isEqualTo(1);
        JsonNode detail = json(get(student, "/" + id)).get("data");
        // Completed as of its end: the student attended from minute 20 to 60.
        assertThat(detail.get("completed_at").asString()).isEqualTo("2043-03-10T11:00:00.000Z");
        assertThat(detail.get("attended_seconds").asLong()).isEqualTo(40 * 60);
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_COMPLETED, id).at("/participants/0/attended_seconds").asLong())
                .isEqualTo(40 * 60);
    }

    @Test
    void manyDueSessionsAreClosedInBatchesWithoutLeavingALock() {
        Instant start = Instant.parse("2043-04-10T10:00:00Z");
        clock.set(start.minus(Duration.ofDays(1)));
        long tutor = newUser();
        String[] ids = new String[120];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = bookedSession(tutor, "GROUP", 2, start, 60, newUser());
        }
        clock.set(start.plus(Duration.ofMinutes(16)));
        runJob();
        assertThat(count("SELECT count(*) FROM teaching_session WHERE tutor_id = $1 AND status = 'NO_SHOW'", tutor))
                .isEqualTo(ids.length);
        assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()"))
                .isZero();
    }

    /** Two replicas running the job at the same moment: every session is closed and announced exactly once. */
    @Test
    void twoRunsAtOnceCloseEachSessionOnce() {
        Instant start = Instant.parse("2043-05-10T10:00:00Z");
        clock.set(start.minus(Duration.ofDays(1)));
        long tutor = newUser();
        String[] ids = new String[60];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = bookedSession(tutor, "GROUP", 2, start, 60, newUser());
        }
        clock.set(start.plus(Duration.ofMinutes(15)));
        reactor.core.publisher.Mono.zip(jobs.run(), jobs.run(),
                        jobs.run().subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
                .block(Duration.ofSeconds(120));
        assertThat(count("SELECT count(*) FROM teaching_session WHERE tutor_id = $1 AND status = 'NO_SHOW'", tutor))
                .isEqualTo(ids.length);
        for (String id : ids) {
            assertThat(teachingEvents(EventTypes.TEACHING_SESSION_NO_SHOW, id)).isEqualTo(1);
            assertThat(teachingEvents(EventTypes.TEACHING_SESSION_STARTING, id)).isLessThanOrEqualTo(1);
        }
    }
}
