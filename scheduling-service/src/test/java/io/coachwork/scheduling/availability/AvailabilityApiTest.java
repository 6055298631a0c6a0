package io.coachwork.scheduling.availability;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Weekly schedules, presets, overrides and holidays, and the bookable times a student sees from them. */
class AvailabilityApiTest extends SchedulingIntegrationTest {

    private static final String SCHEDULES = "/api/teaching/schedules";
    /** Monday 3 March 2031, 09:00 in Lagos. */
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");

    private long tutor;
    private String token;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = approvedTutor("Africa/Lagos");
        token = TestJwt.tutor(tutor);
    }

    @Test
    void aPresetFillsTheFirstScheduleWhichBecomesTheDefault() {
        call(HttpMethod.POST, SCHEDULES, token, """
                {"name": "Term time", "preset": {"presets": ["MORNING", "evening"], "days": ["MONDAY", "WED"]}}""")
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.data.name").isEqualTo("Term time")
                .jsonPath("$.data.is_default").isEqualTo(true)
                .jsonPath("$.data.timezone").isEqualTo("Africa/Lagos")
                .jsonPath("$.data.blocks.length()").isEqualTo(4)
                .jsonPath("$.data.blocks[0].day").isEqualTo("MONDAY")
                .jsonPath("$.data.blocks[0].start_time").isEqualTo("08:00")
                .jsonPath("$.data.blocks[0].end_time").isEqualTo("12:00")
                .jsonPath("$.data.blocks[1].start_time").isEqualTo("17:00");
        JsonNode second = json(call(HttpMethod.POST, SCHEDULES, token, """
                {"name": "Holidays", "blocks": [{"day": "FRIDAY", "start_time": "10:00", "end_time": "24:00"}]}""")
                .expectStatus().isCreated());
        assertThat(second.at("/data/is_default").asBoolean()).isFalse();
        assertThat(second.at("/data/blocks/0/end_time").asString()).isEqualTo("24:00");
        long secondId = second.at("/data/id").asLong();

        call(HttpMethod.PUT, SCHEDULES + "/" + secondId, token, "{\"is_default\": true}").expectStatus().isOk();
        JsonNode all = json(get(SCHEDULES, token).expectStatus().isOk());
        assertThat(all.at("/data").valueStream().filter(s -> s.get("is_default").asBoolean())
                .map(s -> s.get("name").asString()).toList()).isEqualTo(List.of("Holidays"));
        call(HttpMethod.DELETE, SCHEDULES + "/" + secondId, token, null).expectStatus().isEqualTo(409);
        assertThat(outboxEvents(EventTypes.SCHEDULE_CHANGED, tutor)).isEqualTo(3);
    }

    @Test
    void overlappingBlocksAreRefusedNamingBothAndNothingChanges() {
        long id = json(call(HttpMethod.POST, SCHEDULES, token, """
                {"name": "Main", "blocks": [{"day": "MONDAY", "start_time": "09:00", "end_time": "12:00"}]}""")
                .expectStatus().isCreated()).at("/data/id").asLong();
        refused(call(HttpMethod.PUT, SCHEDULES + "/" + id, token, """
                {"blocks": [{"day": "MONDAY", "start_time": "09:00", "end_time": "12:00"},
                            {"day": "MONDAY", "start_time": "11:00", "end_time": "13:00"}]}"""),
                "blocks", "Blocks MONDAY 09:00-12:00 and MONDAY 11:00-13:00 overlap");
        refused(call(HttpMethod.PUT, SCHEDULES + "/" + id, token, """
                {"blocks": [{"day": "FUNDAY", "start_time": "09:00", "end_time": "12:00"}]}"""),
                "day", "day must be a weekday such as MONDAY, got \"FUNDAY\"");
        refused(call(HttpMethod.PUT, SCHEDULES + "/" + id, token, """
                {"blocks": [{"day": "MONDAY", "start_time": "9:00", "end_time": "12:00"}]}"""),
                "start_time", "start_time must be a time as HH:mm, got \"9:00\"");
        refused(call(HttpMethod.POST, SCHEDULES + "/" + id + "/preset", token, "{\"presets\": [\"NIGHT\"], \"days\": [\"MONDAY\"]}"),
                "presets", "presets must be MORNING, AFTERNOON or EVENING, got \"NIGHT\"");
        refused(call(HttpMethod.POST, SCHEDULES, token, "{\"name\": \"main\", \"blocks\": []}"), "name",
                "You already have a schedule named main");
        get(SCHEDULES, token).expectBody()
                .jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].blocks.length()").isEqualTo(1);
        get(SCHEDULES, TestJwt.tutor(newUser())).expectBody().jsonPath("$.data.length()").isEqualTo(0);
        call(HttpMethod.PUT, SCHEDULES + "/" + id, TestJwt.tutor(newUser()), "{\"name\": \"Mine now\"}")
                .expectStatus().isNotFound();
    }

    @Test
    void aStudentInNewYorkSeesExplicitAndGeneratedTimesInBothZones() {
        // Wednesdays 08:00-12:00 Lagos; one-hour sessions on the hour (the profile's defaults: 60 min, 30 increment).
        long schedule = json(call(HttpMethod.POST, SCHEDULES, token, """
                {"name": "Main", "preset": {"presets": ["MORNING"], "days": ["WEDNESDAY"]}}""")
                .expectStatus().isCreated()).at("/data/id").asLong();
        call(HttpMethod.PUT, "/api/teaching/profile", token, "{\"booking_increment_minutes\": 60, \"minimum_duration_minutes\": 60}")
                .expectStatus().isOk();
        // Wednesday 12 March is closed; Wednesday 19 March only 10:00-11:00; 26 March is a holiday.
        call(HttpMethod.PUT, SCHEDULES + "/" + schedule + "/overrides/2031-03-12", token, "{\"blocks\": []}").expectStatus().isOk();
        call(HttpMethod.PUT, SCHEDULES + "/" + schedule + "/overrides/2031-03-19", token,
                "{\"blocks\": [{\"start_time\": \"10:00\", \"end_time\": \"11:00\"}]}").expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/holidays", token, "{\"from\": \"2031-03-26\", \"note\": \"Away\"}")
                .expectStatus().isCreated().expectBody().jsonPath("$.data.to").isEqualTo("2031-03-26");
        refused(call(HttpMethod.POST, "/api/teaching/holidays", token, "{\"from\": \"soon\"}"), "from",
                "from must be a date as YYYY-MM-DD, got \"soon\"");
        // An explicit group slot on Wednesday 5 March 09:00-10:00 takes that hour out of the generated times.
        call(HttpMethod.POST, "/api/teaching/slots", token, """
                {"slot_date": "2031-03-05", "start_time": "09:00", "end_time": "10:00", "duration_minutes": 60,
                 "session_type": "GROUP", "max_participants": 5}""").expectStatus().isCreated();

        String student = TestJwt.student(newUser());
        JsonNode found = json(get("/api/teaching/slots/provider/" + tutor + "?tz=America/New_York", student)
                .expectStatus().isOk());
        JsonNode data = found.get("data");
        assertThat(data.get("tutor_timezone").asString()).isEqualTo("Africa/Lagos");
        assertThat(data.get("student_timezone").asString()).isEqualTo("America/New_York");
        assertThat(data.at("/slots/0/seats_left").asInt()).isEqualTo(5);
        assertThat(data.at("/slots/0/start_time").asString()).isEqualTo("09:00");
        assertThat(data.at("/slots/0/student_time/start_time").asString()).isEqualTo("03:00");
        assertThat(data.at("/slots/0/student_time/timezone").asString()).isEqualTo("America/New_York");
        List<String> generated = data.get("generated_times").valueStream()
                .map(t -> t.at("/tutor_time/date").asString() + " " + t.at("/tutor_time/start_time").asString()).toList();
        assertThat(generated).containsExactly("2031-03-05 08:00", "2031-03-05 10:00", "2031-03-05 11:00",
                "2031-03-19 10:00");
        // New York moves to daylight time on 9 March 2031: 10:00 Lagos is 04:00 before, 05:00 after.
        assertThat(data.at("/generated_times/1/student_time/start_time").asString()).isEqualTo("04:00");
        assertThat(data.at("/generated_times/3/student_time/start_time").asString()).isEqualTo("05:00");

        get("/api/teaching/slots/provider/" + tutor + "?session_type=GROUP&tz=America/New_York", student).expectBody()
                .jsonPath("$.data.slots.length()").isEqualTo(1)
                .jsonPath("$.data.generated_times.length()").isEqualTo(0);
        get("/api/teaching/slots/provider/" + tutor + "?session_type=ONE_TO_ONE&from=2031-03-18&to=2031-03-20", student)
                .expectBody()
                .jsonPath("$.data.slots.length()").isEqualTo(0)
                .jsonPath("$.data.generated_times.length()").isEqualTo(1);
        refused(get("/api/teaching/slots/provider/" + tutor + "?tz=Nowhere/Land", student), "tz",
                "tz must be an IANA time zone such as Africa/Lagos");
        refused(get("/api/teaching/slots/provider/" + tutor + "?from=tomorrow", student), "from",
                "from must be a date as YYYY-MM-DD");
        // At most four weeks from..to: exactly 28 days apart is answered, 29 is refused naming `to`.
        get("/api/teaching/slots/provider/" + tutor + "?from=2031-03-01&to=2031-03-29", student).expectStatus().isOk();
        refused(get("/api/teaching/slots/provider/" + tutor + "?from=2031-03-01&to=2031-03-30", student), "to",
                "to must be at most 28 days after from");
        call(HttpMethod.GET, "/api/teaching/slots/provider/" + tutor + "?duration_minutes=45", student, null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duration_minutes");
        get("/api/teaching/slots/provider/" + newUser(), student).expectStatus().isNotFound();
        get("/api/teaching/slots/provider/" + tutor, null).expectStatus().isUnauthorized();
    }
}
