package io.coachwork.gateway.e2e;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's walk through the real gateway and scheduling-service: a tutor in Lagos applies, an admin
 * approves, the tutor sets a preset schedule, a holiday and evening slots for the next two weeks; a
 * student in New York lists them in their zone; seed 002's rules refuse overlapping, past and
 * beyond-four-weeks slots.
 */
class SchedulingWalkThroughGatewayTest extends EndToEndTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static String slot(LocalDate date, String start, String end) {
        return """
                {"slotDate": "%s", "startTime": "%s", "endTime": "%s", "durationMinutes": 60, "sessionType": "ONE_TO_ONE",
                 "maxParticipants": 1, "timezone": "Africa/Lagos"}""".formatted(date, start, end);
    }

    @Test
    void aLagosTutorPublishesAvailabilityAndANewYorkStudentListsItInTheirZone() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        send("PUT", "/api/teaching/profile", token, """
                {"display_name": "Ada Obi", "bio": "Mathematics tutor", "hourly_rate": 60, "currency": "USD",
                 "time_zone": "Africa/Lagos", "subjects": [{"subject": "Mathematics", "level": "advanced"}]}""")
                .expectStatus().isOk();
        send("POST", "/api/teaching/profile/apply", token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("pending");
        send("POST", "/api/admin/teaching/applications/" + tutor + "/approve", token, null).expectStatus().isForbidden();
        send("POST", "/api/admin/teaching/applications/" + tutor + "/approve", ADMIN, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("approved");

        send("POST", "/api/teaching/schedules", token, """
                {"name": "Weekdays", "preset": {"presets": ["MORNING", "AFTERNOON"],
                 "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]}}""")
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.data.is_default").isEqualTo(true)
                .jsonPath("$.data.blocks.length()").isEqualTo(10);
        LocalDate today = LocalDate.now(LAGOS);
        send("POST", "/api/teaching/holidays", token, "{\"from\": \"" + today.plusDays(7) + "\", \"note\": \"Eid\"}")
                .expectStatus().isCreated();

        // Evening slots (18:00-19:00 Lagos) on each of the next fourteen days, in one call.
        String batch = "[" + String.join(",", IntStream.rangeClosed(1, 14)
                .mapToObj(d -> slot(today.plusDays(d), "18:00", "19:00")).toList()) + "]";
        send("POST", "/api/teaching/slots", token, batch).expectStatus().isCreated().expectBody()
                .jsonPath("$.message").isEqualTo("14 slots created successfully");

        // Seed 002's rules, through the gateway.
        send("POST", "/api/teaching/slots", token, slot(today.plusDays(3), "18:30", "19:30")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("overlaps slot"))
                .jsonPath("$.errors[0].field").isEqualTo("start_time");
        send("POST", "/api/teaching/slots", token, slot(today.minusDays(1), "18:00", "19:00")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).endsWith("is in the past"));
        send("POST", "/api/teaching/slots", token, slot(today.plusDays(35), "18:00", "19:00")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).startsWith("Slots can be added at most 4 weeks ahead"));
        send("POST", "/api/teaching/slots", token, slot(today.plusDays(2), "18:00", "19:00").replace("60", "45"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duration_minutes");

        // The student in New York sees the fourteen slots, each in Lagos time and in their own.
        String student = TestJwt.student(newUser());
        JsonNode found = data(send("GET", "/api/teaching/slots/provider/" + tutor + "?tz=America/New_York", student, null)
                .expectStatus().isOk());
        assertThat(found.get("tutor_timezone").asString()).isEqualTo("Africa/Lagos");
        assertThat(found.get("student_timezone").asString()).isEqualTo("America/New_York");
        List<JsonNode> slots = found.get("slots").valueStream().toList();
        assertThat(slots).hasSize(14);
        for (JsonNode s : slots) {
            assertThat(s.get("start_time").asString()).isEqualTo("18:00");
            Instant startsAt = Instant.parse(s.get("starts_at").asString());
            LocalDate date = LocalDate.parse(s.get("slot_date").asString());
            assertThat(startsAt).isEqualTo(LocalDateTime.of(date, LocalTime.of(18, 0)).atZone(LAGOS).toInstant());
            assertThat(s.at("/student_time/start_time").asString())
                    .isEqualTo(startsAt.atZone(NEW_YORK).toLocalTime().toString());
            assertThat(s.get("seats_left").asInt()).isEqualTo(1);
        }
        // Generated weekday times exist, none on the holiday.
        List<String> generatedDates = found.get("generated_times").valueStream()
                .map(t -> t.at("/tutor_time/date").asString()).distinct().toList();
        assertThat(generatedDates).isNotEmpty().doesNotContain(today.plusDays(7).toString());

        send("GET", "/api/teaching/tutors?subject=Mathematics&available_within_days=3&limit=100", null, null)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.tutors[?(@.id == " + tutor + ")].display_name").isEqualTo("Ada Obi");

        var event = TopicProbe.awaitRecord(Topics.SCHEDULING_SLOTS, r -> r.key().equals(Long.toString(tutor)), patience())
                .orElseThrow();
        assertThat(TestEvents.json().readTree(event.value()).get("type").asString()).isEqualTo(EventTypes.SLOT_CREATED);
    }
}
