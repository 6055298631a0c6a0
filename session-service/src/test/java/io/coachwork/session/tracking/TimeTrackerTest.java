package io.coachwork.session.tracking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.session.support.SessionIntegrationTest;
import io.coachwork.session.support.WalletStandIn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The time tracker with a movable clock: warnings at 10 and 5 minutes left (once each), auto-end at the end time. */
class TimeTrackerTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2035-07-01T12:00:00Z");
    private static final Instant START = Instant.parse("2035-07-01T12:30:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    @BeforeEach
    void seedSettings() {
        settings("{\"warning_threshold_minutes\": 10, \"auto_end_enabled\": true}");
    }

    @AfterEach
    void restoreSettings() {
        settings("{\"warning_threshold_minutes\": 10, \"auto_end_enabled\": true}");
    }

    @Test
    void warnsAtTenAndFiveMinutesOnceEachThenEndsAndSettlesAtTheEndTime() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();
        long id = scheduledSession(tutor, START, 30, student);
        startAt(tutor, id, START.plus(Duration.ofMinutes(2)));

        clock.set(END.minus(Duration.ofMinutes(10)));
        runTracker();
        runTracker();
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_TIME_WARNING, id)).isEqualTo(1);
        JsonNode ten = sessionEvent(id, EventTypes.COACHING_SESSION_TIME_WARNING, "\"minutes_left\":10");
        assertThat(ten.get("student_ids").toString()).isEqualTo("[" + student + "]");
        assertThat(ten.get("status").asString()).isEqualTo("active");

        clock.set(END.minus(Duration.ofMinutes(5)).plusSeconds(20));
        runTracker();
        runTracker();
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_TIME_WARNING, id)).isEqualTo(2);
        sessionEvent(id, EventTypes.COACHING_SESSION_TIME_WARNING, "\"minutes_left\":5");
        assertThat(sessionStatus(id)).isEqualTo("active");

        // The run after the end time ends it at the end time: 28 of the 30 reserved minutes were used.
        clock.set(END.plusSeconds(40));
        web.get().uri("/api/cron/session/time-tracker").headers(h -> h.setBearerAuth(CRON_SECRET)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("Time tracker completed");
        tutorGet(tutor, "/" + id).expectBody()
                .jsonPath("$.data.status").isEqualTo("ended")
                .jsonPath("$.data.actual_end_time").isEqualTo("2035-07-01T13:00:00.000Z")
                .jsonPath("$.data.hours_used").isEqualTo(0.47);
        WalletCommands.SettleHours settle = WalletStandIn.awaitCommand(EventTypes.SETTLE_HOURS,
                WalletCommands.SettleHours.class, tutor, cmd -> cmd.sessionId() == id);
        assertThat(settle.usedMinutes()).isEqualTo(28);
        JsonNode ended = sessionEvent(id, EventTypes.COACHING_SESSION_ENDED, "\"reason\":\"auto_end\"");
        assertThat(ended.get("minutes_used").asLong()).isEqualTo(28);

        runTracker();
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_ENDED, id)).isEqualTo(1);
        assertThat(commandsSent(EventTypes.SETTLE_HOURS, settle.sagaId())).isEqualTo(1);
    }

    @Test
    void withAutoEndOffASessionRunsOnAndIsNeverChargedBeyondItsReservation() {
        settings("{\"auto_end_enabled\": false}");
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, START, 30);
        startAt(tutor, id, START);

        clock.set(END.plus(Duration.ofMinutes(15)));
        runTracker();
        assertThat(sessionStatus(id)).isEqualTo("active");
        WalletStandIn.answerNextSettle(tutor, id, 60);
        tutorPost(tutor, "/" + id + "/end").expectStatus().isOk().expectBody()
                .jsonPath("$.data.hours_used").isEqualTo(0.5);
    }

    @Test
    void aSessionNeverStartedByItsEndTimeIsCancelledAndItsHoursReleased() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newStudent();
        long id = scheduledSession(tutor, START, 30, student);

        clock.set(END.minusSeconds(1));
        runTracker();
        assertThat(sessionStatus(id)).isEqualTo("scheduled");

        clock.set(END.plusSeconds(30));
        web.post().uri("/api/admin/coaching/jobs/time-tracker").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.sessions_expired").isNumber();
        assertThat(sessionStatus(id)).isEqualTo("cancelled");
        WalletCommands.ReleaseHours release = WalletStandIn.awaitCommand(EventTypes.RELEASE_HOURS,
                WalletCommands.ReleaseHours.class, tutor, cmd -> cmd.sessionId() == id);
        assertThat(release.tutorId()).isEqualTo(tutor);
        JsonNode cancelled = sessionEvent(id, EventTypes.COACHING_SESSION_CANCELLED, "\"reason\":\"not_started\"");
        assertThat(cancelled.get("student_ids").toString()).isEqualTo("[" + student + "]");

        runTracker();
        assertThat(outboxEvents(EventTypes.COACHING_SESSION_CANCELLED, id)).isEqualTo(1);
    }

    @Test
    void theCronEndpointNeedsTheCronSecretAndTheAdminOneAnAdmin() {
        web.get().uri("/api/cron/session/time-tracker").headers(h -> h.setBearerAuth("wrong")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid cron secret");
        web.post().uri("/api/admin/coaching/jobs/time-tracker").headers(h -> h.setBearerAuth(TestJwt.tutor(newUser())))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/cron/session/saga-resend").headers(h -> h.setBearerAuth(CRON_SECRET)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.resent").isNumber();
    }

    private void runTracker() {
        web.post().uri("/api/admin/coaching/jobs/time-tracker").headers(h -> h.setBearerAuth(ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.warnings_sent").isNumber().jsonPath("$.data.sessions_ended").isNumber();
    }

    private void settings(String json) {
        web.put().uri("/api/admin/coaching/settings").headers(h -> h.setBearerAuth(SUPER_ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectStatus().isOk();
    }

    private static JsonNode sessionEvent(long sessionId, String type, String containing) {
        return TopicProbe.awaitRecord(Topics.COACHING_SESSIONS, r -> Long.toString(sessionId).equals(r.key())
                                && r.value().contains("\"type\":\"" + type + "\"") && r.value().contains(containing),
                        Duration.ofSeconds(20))
                .map(r -> TestEvents.json().readTree(r.value()).get("data"))
                .orElseThrow(() -> new AssertionError("no " + type + " with " + containing + " for session " + sessionId));
    }
}
