package io.coachwork.scheduling.calendly;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import io.coachwork.scheduling.support.TestCalendly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Calendly sync over HTTP: a tutor connects, signed invitee webhooks take time out of their bookable
 * slots and give it back, repeats and reorderings change nothing, failures retry and dead-letter.
 */
class CalendlyApiTest extends SchedulingIntegrationTest {

    /** Monday 3 March 2031, 09:00 in Lagos (UTC+1, no DST). */
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");
    private static final String CONNECTION = "/api/teaching/integrations/calendly";
    private static final String WEBHOOK = "/api/webhooks/calendly";
    private static final String DEAD = "/api/admin/scheduling/calendly/dead-letters";
    private static final String PERSONAL = "https://api.calendly.com/event_types/PERSONAL";
    /** Wednesday 5 March, 10:00-10:30 Lagos: the generated 10:00 time. */
    private static final Instant LESSON_START = Instant.parse("2031-03-05T09:00:00Z");
    /** Wednesday 5 March, 14:30-14:45 Lagos: inside the explicit 14:00-15:00 slot. */
    private static final Instant CALL_START = Instant.parse("2031-03-05T13:30:00Z");

    private long tutor;
    private String token;
    private long slot;

    @BeforeEach
    void tutorWithAScheduleAndASlot() {
        clock.set(NOW);
        tutor = approvedTutor("Africa/Lagos");
        token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, "/api/teaching/profile", token, """
                {"booking_increment_minutes": 60, "minimum_duration_minutes": 60, "buffer_before_minutes": 0,
                 "buffer_after_minutes": 0, "minimum_notice_minutes": 0}""").expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/schedules", token, """
                {"name": "Main", "blocks": [{"day": "WEDNESDAY", "start_time": "09:00", "end_time": "12:00"}]}""")
                .expectStatus().isCreated();
        slot = json(call(HttpMethod.POST, "/api/teaching/slots", token, """
                {"slot_date": "2031-03-05", "start_time": "14:00", "end_time": "15:00", "duration_minutes": 60,
                 "session_type": "ONE_TO_ONE", "max_participants": 1}""").expectStatus().isCreated()).at("/data/slots/0/id").asLong();
    }

    private void connect() {
        call(HttpMethod.PUT, CONNECTION, token, """
                {"calendly_user_uri": "%s", "default_mode": "busy", "event_type_mappings": [
                  {"event_type_uri": "%s", "mode": "busy", "buffer_before_minutes": 0, "buffer_after_minutes": 30},
                  {"event_type_uri": "%s", "mode": "ignore"}]}""".formatted(TestCalendly.user(tutor), TestCalendly.LESSON, PERSONAL))
                .expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec post(String body, String signature) {
        WebTestClient.RequestBodySpec request = web.post().uri(WEBHOOK).contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request.header("Calendly-Webhook-Signature", signature);
        }
        return request.bodyValue(body).exchange();
    }

    private JsonNode deliver(String event, String id, String eventType, Instant start, Duration length) {
        String body = TestCalendly.body(event, id, TestCalendly.user(tutor), eventType, start, start.plus(length));
        return json(post(body, TestCalendly.signature(body, clock.instant())).expectStatus().isOk()).get("data");
    }

    private JsonNode lesson(String event, String id) {
        return deliver(event, id, TestCalendly.LESSON, LESSON_START, Duration.ofMinutes(30));
    }

    private JsonNode call15(String event, String id) {
        return deliver(event, id, null, CALL_START, Duration.ofMinutes(15));
    }

    /** Wednesday's generated start times (Lagos) and explicit slot ids. */
    private record Found(List<String> generated, List<Long> slots) {
    }

    private Found search() {
        JsonNode data = json(get("/api/teaching/slots/provider/" + tutor + "?tz=Africa/Lagos&from=2031-03-05&to=2031-03-05",
                TestJwt.student(newUser())).expectStatus().isOk()).get("data");
        return new Found(data.get("generated_times").valueStream().map(t -> t.at("/tutor_time/start_time").asString()).toList(),
                data.get("slots").valueStream().map(s -> s.get("id").asLong()).toList());
    }

    private long busyRows() {
        return count("SELECT count(*) FROM calendly_busy WHERE tutor_id = $1", tutor);
    }

    @Test
    void aSignedCreateTakesTheTimeOutOfSearchAndItsCancelGivesItBack() {
        connect();
        assertThat(search()).isEqualTo(new Found(List.of("09:00", "10:00", "11:00"), List.of(slot)));
        String lesson = UUID.randomUUID().toString();
        String call = UUID.randomUUID().toString();

        JsonNode created = lesson("invitee.created", lesson);
        assertThat(created.get("handled").asBoolean()).isTrue();
        assertThat(created.get("duplicate").asBoolean()).isFalse();
        assertThat(created.at("/delivery/status").asString()).isEqualTo("applied");
        assertThat(created.at("/delivery/tutor_id").asLong()).isEqualTo(tutor);
        assertThat(created.at("/delivery/start_time").asString()).isEqualTo("2031-03-05T09:00:00.000Z");
        // 10:00-10:30 plus the lesson type's 30 minutes after: the 10:00 hour is gone, 11:00 stays.
        assertThat(search()).isEqualTo(new Found(List.of("09:00", "11:00"), List.of(slot)));
        // An unmapped type is busy by default, with no buffers: the stored slot is hidden, not deleted.
        call15("invitee.created", call);
        assertThat(search()).isEqualTo(new Found(List.of("09:00", "11:00"), List.of()));
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE id = $1", slot)).isEqualTo(1);

        lesson("invitee.canceled", lesson);
        assertThat(search()).isEqualTo(new Found(List.of("09:00", "10:00", "11:00"), List.of()));
        call15("invitee.canceled", call);
        assertThat(search()).isEqualTo(new Found(List.of("09:00", "10:00", "11:00"), List.of(slot)));
        assertThat(busyRows()).isZero();
        // Connecting and each of the four changes told partners to re-read the tutor's times.
        assertThat(outboxEvents(EventTypes.SCHEDULE_CHANGED, tutor)).isEqualTo(2 + 4);
    }

    @Test
    void aDeliveryRepeatedChangesNothing() {
        connect();
        String id = UUID.randomUUID().toString();
        JsonNode first = lesson("invitee.created", id);
        JsonNode again = lesson("invitee.created", id);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.at("/delivery/id").asLong()).isEqualTo(first.at("/delivery/id").asLong());
        assertThat(busyRows()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM calendly_delivery WHERE invitee_uri = $1", TestCalendly.invitee(id))).isEqualTo(1);
        lesson("invitee.canceled", id);
        lesson("invitee.canceled", id);
        assertThat(busyRows()).isZero();
        // A create repeated after its cancel does not bring the time back.
        assertThat(lesson("invitee.created", id).get("duplicate").asBoolean()).isTrue();
        assertThat(search().generated()).containsExactly("09:00", "10:00", "11:00");
    }

    @Test
    void aCancelArrivingBeforeItsCreateLeavesTheTimeFree() {
        connect();
        String id = UUID.randomUUID().toString();
        assertThat(lesson("invitee.canceled", id).at("/delivery/status").asString()).isEqualTo("applied");
        JsonNode created = lesson("invitee.created", id);
        assertThat(created.at("/delivery/status").asString()).isEqualTo("applied");
        assertThat(created.at("/delivery/last_error").asString()).contains("Canceled before");
        assertThat(busyRows()).isZero();
        assertThat(search().generated()).containsExactly("09:00", "10:00", "11:00");
    }

    @Test
    void theDirectorysSoonestFreeTimeSkipsCalendlyBusyTime() {
        connect();
        String next = "/api/teaching/tutors/" + tutor;
        get(next, null).expectStatus().isOk().expectBody().jsonPath("$.data.next_available_at").isEqualTo("2031-03-05T08:00:00.000Z");
        // 09:00-10:30 Lagos and the lesson type's 30 minutes after: the first free hour is 11:00 Lagos.
        deliver("invitee.created", UUID.randomUUID().toString(), TestCalendly.LESSON, Instant.parse("2031-03-05T08:00:00Z"),
                Duration.ofMinutes(90));
        get(next, null).expectStatus().isOk().expectBody().jsonPath("$.data.next_available_at").isEqualTo("2031-03-05T10:00:00.000Z");
    }

    @Test
    void anIgnoredEventTypeTakesNoTime() {
        connect();
        JsonNode d = deliver("invitee.created", UUID.randomUUID().toString(), PERSONAL, LESSON_START, Duration.ofMinutes(30));
        assertThat(d.at("/delivery/status").asString()).isEqualTo("ignored");
        assertThat(busyRows()).isZero();
        assertThat(search().generated()).containsExactly("09:00", "10:00", "11:00");
    }

    @Test
    void anUnknownCalendlyUserIsADeadLetterThatReplaysOnceTheTutorConnects() {
        String id = UUID.randomUUID().toString();
        JsonNode d = lesson("invitee.created", id);
        assertThat(d.at("/delivery/status").asString()).isEqualTo("dead");
        assertThat(d.at("/delivery/last_error").asString()).isEqualTo("No tutor has Calendly user " + TestCalendly.user(tutor)
                + " connected");
        long deadId = d.at("/delivery/id").asLong();

        JsonNode page = json(get(DEAD + "?limit=100", ADMIN).expectStatus().isOk()).get("data");
        assertThat(page.get("dead_letters").valueStream().map(x -> x.get("id").asLong())).contains(deadId);
        assertThat(page.at("/pagination/limit").asInt()).isEqualTo(100);
        get(DEAD, token).expectStatus().isForbidden();

        connect();
        call(HttpMethod.POST, DEAD + "/" + deadId + "/replay", ADMIN, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("applied")
                .jsonPath("$.data.tutor_id").isEqualTo(tutor);
        assertThat(search().generated()).containsExactly("09:00", "11:00");
        call(HttpMethod.POST, DEAD + "/" + deadId + "/replay", ADMIN, null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("Calendly delivery " + deadId + " is applied, not a dead letter");
        call(HttpMethod.POST, DEAD + "/999999999999/replay", ADMIN, null).expectStatus().isNotFound();
    }

    @Test
    void aFailingApplyIsRetriedWithBackoffThenDeadLetteredAndReplayed() {
        connect();
        String id = UUID.randomUUID().toString();
        // A database outage for this invitee's busy row only (the shared database serves other tests too).
        db.sql("CREATE TABLE IF NOT EXISTS calendly_test_outage (invitee_uri TEXT PRIMARY KEY)").then().block();
        db.sql("""
                CREATE OR REPLACE FUNCTION calendly_test_outage() RETURNS trigger AS $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM calendly_test_outage WHERE invitee_uri = NEW.invitee_uri) THEN
                    RAISE EXCEPTION 'simulated outage';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""").then().block();
        db.sql("DROP TRIGGER IF EXISTS calendly_test_outage ON calendly_busy").then().block();
        db.sql("CREATE TRIGGER calendly_test_outage BEFORE INSERT ON calendly_busy FOR EACH ROW EXECUTE FUNCTION calendly_test_outage()")
                .then().block();
        db.sql("INSERT INTO calendly_test_outage VALUES ($1)").bind(0, TestCalendly.invitee(id)).then().block();

        JsonNode d = lesson("invitee.created", id).get("delivery");
        assertThat(d.get("status").asString()).isEqualTo("pending");
        assertThat(d.get("attempts").asInt()).isEqualTo(1);
        assertThat(d.get("last_error").asString()).isEqualTo("Attempt 1 failed: simulated outage");
        assertThat(d.get("next_attempt_at").asString()).isEqualTo("2031-03-03T08:01:00.000Z");
        long deliveryId = d.get("id").asLong();

        call(HttpMethod.GET, "/api/cron/scheduling/calendly-retries", CRON_SECRET, null).expectStatus().isOk();
        assertThat(attempts(deliveryId)).isEqualTo(1);     // not due yet
        for (int attempt = 2; attempt <= 5; attempt++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(10)));
            call(HttpMethod.GET, "/api/cron/scheduling/calendly-retries", CRON_SECRET, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.data.deliveries_attempted").isEqualTo(1);
            assertThat(attempts(deliveryId)).isEqualTo(attempt);
        }
        assertThat(text("SELECT status FROM calendly_delivery WHERE id = $1", deliveryId)).isEqualTo("dead");
        assertThat(search().generated()).containsExactly("09:00", "10:00", "11:00");

        db.sql("DELETE FROM calendly_test_outage WHERE invitee_uri = $1").bind(0, TestCalendly.invitee(id)).then().block();
        call(HttpMethod.POST, DEAD + "/" + deliveryId + "/replay", ADMIN, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("applied").jsonPath("$.data.attempts").isEqualTo(1);
        assertThat(search().generated()).containsExactly("09:00", "11:00");
    }

    private long attempts(long deliveryId) {
        return count("SELECT attempts FROM calendly_delivery WHERE id = $1", deliveryId);
    }

    private String text(String sql, Object bind) {
        return db.sql(sql).bind(0, bind).map((row, meta) -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
    }

    @Test
    void unsignedTamperedAndReplayedDeliveriesAreRefused() {
        connect();
        String body = TestCalendly.body("invitee.created", UUID.randomUUID().toString(), TestCalendly.user(tutor),
                TestCalendly.LESSON, LESSON_START, LESSON_START.plus(Duration.ofMinutes(30)));
        post(body, null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isEqualTo("Missing Calendly-Webhook-Signature header");
        post(body, "v1=abc").expectStatus().isBadRequest();
        String signature = TestCalendly.signature(body, clock.instant());
        post(body.replace("09:30:00", "11:30:00"), signature).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.message").isEqualTo("Invalid Calendly signature");
        post(body, TestCalendly.signature(body, clock.instant().minus(Duration.ofMinutes(4)))).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("Calendly signature timestamp is outside the tolerance");
        assertThat(busyRows()).isZero();

        String other = "{\"event\": \"routing_form_submission.created\", \"payload\": {}}";
        post(other, TestCalendly.signature(other, clock.instant())).expectStatus().isOk().expectBody()
                .jsonPath("$.data.handled").isEqualTo(false);
        String broken = "{\"event\": \"invitee.created\", \"payload\": {\"uri\": \"https://api.calendly.com/x\"}}";
        post(broken, TestCalendly.signature(broken, clock.instant())).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Malformed Calendly event: payload.event is missing");
        String farFuture = body.replace("2031-03-05T09:30:00.000000Z", "+300000-03-05T09:30:00.000000Z");
        post(farFuture, TestCalendly.signature(farFuture, clock.instant())).expectStatus().isBadRequest();
        String notJson = "not json";
        post(notJson, TestCalendly.signature(notJson, clock.instant())).expectStatus().isBadRequest();
    }

    @Test
    void aTutorConnectsReadsAndDisconnectsAndDisconnectedBusyTimeStopsCounting() {
        get(CONNECTION, token).expectStatus().isNotFound().expectBody()
                .jsonPath("$.message").isEqualTo("Calendly is not connected");
        refused(call(HttpMethod.PUT, CONNECTION, token, "{\"calendly_user_uri\": \"https://calendly.com/ada\"}"),
                "calendly_user_uri", "calendly_user_uri must be a Calendly user URI such as https://api.calendly.com/users/AAAAAAAAAAAAAAAA");
        refused(call(HttpMethod.PUT, CONNECTION, token, """
                {"calendly_user_uri": "%s", "event_type_mappings": [{"event_type_uri": "%s", "buffer_after_minutes": 9999999999999}]}"""
                .formatted(TestCalendly.user(tutor), TestCalendly.LESSON)), "buffer_after_minutes",
                "buffer_after_minutes must be between 0 and 240");
        refused(call(HttpMethod.PUT, CONNECTION, token, """
                {"calendly_user_uri": "%s", "default_mode": "sometimes"}""".formatted(TestCalendly.user(tutor))),
                "default_mode", "default_mode must be one of busy, ignore");
        call(HttpMethod.PUT, CONNECTION, token, "{\"calendly_user_uri\": 5}").expectStatus().isBadRequest();
        call(HttpMethod.PUT, CONNECTION, TestJwt.student(newUser()), "{}").expectStatus().isForbidden();

        connect();
        get(CONNECTION, token).expectStatus().isOk().expectBody()
                .jsonPath("$.data.calendly_user_uri").isEqualTo(TestCalendly.user(tutor))
                .jsonPath("$.data.connected").isEqualTo(true)
                .jsonPath("$.data.default_mode").isEqualTo("busy")
                .jsonPath("$.data.event_type_mappings[0].buffer_after_minutes").isEqualTo(30)
                .jsonPath("$.data.event_type_mappings[1].mode").isEqualTo("ignore")
                .jsonPath("$.data.webhook_path").isEqualTo(WEBHOOK);
        long other = approvedTutor("Africa/Lagos");
        call(HttpMethod.PUT, CONNECTION, TestJwt.tutor(other), "{\"calendly_user_uri\": \"" + TestCalendly.user(tutor) + "\"}")
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("This Calendly user is connected to another tutor");

        call15("invitee.created", UUID.randomUUID().toString());
        assertThat(search().slots()).isEmpty();
        call(HttpMethod.DELETE, CONNECTION, token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.connected").isEqualTo(false);
        assertThat(search().slots()).containsExactly(slot);
        // Kept as history; a delivery for the user now has no tutor to apply to.
        assertThat(busyRows()).isEqualTo(1);
        assertThat(call15("invitee.created", UUID.randomUUID().toString()).at("/delivery/status").asString()).isEqualTo("dead");
        call(HttpMethod.DELETE, CONNECTION, token, null).expectStatus().isNotFound();
        connect();
        assertThat(search().slots()).isEmpty();
    }
}
