package io.coachwork.scheduling.slots;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's specific-date slots: its fields, rules and messages, through the service's HTTP API. */
class SlotApiTest extends SchedulingIntegrationTest {

    private static final String SLOTS = "/api/teaching/slots";
    /** Monday 3 March 2031, 09:00 in Lagos (UTC+1, no DST). */
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");

    private long tutor;
    private String token;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = approvedTutor("Africa/Lagos");
        token = TestJwt.tutor(tutor);
    }

    private static String slot(String date, String start, String end, int minutes, String type, int seats) {
        return """
                {"slotDate": "%s", "startTime": "%s", "endTime": "%s", "durationMinutes": %d, "sessionType": "%s",
                 "maxParticipants": %d, "timezone": "Africa/Lagos"}""".formatted(date, start, end, minutes, type, seats);
    }

    private long create(String json) {
        return json(call(HttpMethod.POST, SLOTS, token, json).expectStatus().isCreated()).at("/data/slots/0/id").asLong();
    }

    @Test
    void aSlotInSeed002sCamelCaseIsCreatedAndAnsweredInSnakeCaseWithUtcInstants() {
        call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.message").isEqualTo("Slot created successfully")
                .jsonPath("$.data.slots[0].id").isNumber()
                .jsonPath("$.data.slots[0].tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.slots[0].slot_date").isEqualTo("2031-03-05")
                .jsonPath("$.data.slots[0].start_time").isEqualTo("10:00")
                .jsonPath("$.data.slots[0].end_time").isEqualTo("11:00")
                .jsonPath("$.data.slots[0].duration_minutes").isEqualTo(60)
                .jsonPath("$.data.slots[0].session_type").isEqualTo("ONE_TO_ONE")
                .jsonPath("$.data.slots[0].max_participants").isEqualTo(1)
                .jsonPath("$.data.slots[0].booked_count").isEqualTo(0)
                .jsonPath("$.data.slots[0].seats_left").isEqualTo(1)
                .jsonPath("$.data.slots[0].timezone").isEqualTo("Africa/Lagos")
                .jsonPath("$.data.slots[0].starts_at").isEqualTo("2031-03-05T09:00:00.000Z")
                .jsonPath("$.data.slots[0].ends_at").isEqualTo("2031-03-05T10:00:00.000Z");
        assertThat(outboxEvents(EventTypes.SLOT_CREATED, tutor)).isEqualTo(1);
    }

    @Test
    void manySlotsAreCreatedInOneCallInSnakeCaseAndTheZoneDefaultsToTheTutors() {
        JsonNode created = json(call(HttpMethod.POST, SLOTS, token, """
                {"slots": [
                  {"slot_date": "2031-03-04", "start_time": "14:00", "end_time": "15:30", "duration_minutes": 90,
                   "session_type": "GROUP", "max_participants": 20},
                  {"slot_date": "2031-03-11", "start_time": "14:00", "end_time": "15:30", "duration_minutes": 90,
                   "session_type": "GROUP", "max_participants": 8}]}""").expectStatus().isCreated());
        assertThat(created.at("/message").asString()).isEqualTo("2 slots created successfully");
        assertThat(created.at("/data/slots/0/timezone").asString()).isEqualTo("Africa/Lagos");
        assertThat(created.at("/data/slots/1/max_participants").asInt()).isEqualTo(8);

        get(SLOTS + "/my?limit=1", token).expectStatus().isOk().expectBody()
                .jsonPath("$.data.slots.length()").isEqualTo(1)
                .jsonPath("$.data.slots[0].slot_date").isEqualTo("2031-03-04")
                .jsonPath("$.data.pagination.total").isEqualTo(2)
                .jsonPath("$.data.pagination.pages").isEqualTo(2);
    }

    @Test
    void seed002sRulesRefuseOverlapsThePastAndBeyondFourWeeksNamingTheSlot() {
        long first = create(slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1));
        call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:30", "11:30", 60, "ONE_TO_ONE", 1))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("The slot 2031-03-05 10:30-11:30 (Africa/Lagos) overlaps slot " + first
                        + " (2031-03-05 10:00-11:00 (Africa/Lagos))")
                .jsonPath("$.errors[0].field").isEqualTo("start_time");
        // Touching is not overlapping.
        create(slot("2031-03-05", "11:00", "12:00", 60, "ONE_TO_ONE", 1));
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-03", "08:00", "09:00", 60, "ONE_TO_ONE", 1)),
                "slot_date", "The slot 2031-03-03 08:00-09:00 (Africa/Lagos) is in the past");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-04-01", "10:00", "11:00", 60, "ONE_TO_ONE", 1)),
                "slot_date", "Slots can be added at most 4 weeks ahead: the last date is 2031-03-31, got 2031-04-01");
        create(slot("2031-03-31", "10:00", "11:00", 60, "ONE_TO_ONE", 1));

        // Two slots of one batch that overlap each other: none is created.
        long before = count("SELECT count(*) FROM teaching_slot WHERE tutor_id = $1", tutor);
        call(HttpMethod.POST, SLOTS, token, "[" + slot("2031-03-06", "10:00", "11:00", 60, "ONE_TO_ONE", 1) + ","
                + slot("2031-03-06", "10:30", "11:30", 60, "ONE_TO_ONE", 1) + "]").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).startsWith("Slot 2: The slot 2031-03-06"));
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE tutor_id = $1", tutor)).isEqualTo(before);
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        long before = count("SELECT count(*) FROM teaching_slot WHERE tutor_id = $1", tutor);
        long events = outboxEvents(EventTypes.SLOT_CREATED, tutor);
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "9am", "11:00", 60, "ONE_TO_ONE", 1)),
                "start_time", "start_time must be a time as HH:mm, got \"9am\"");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "25:00", 60, "ONE_TO_ONE", 1)),
                "end_time", "end_time must be a time as HH:mm, got \"25:00\"");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1)
                        .replace("Africa/Lagos", "Mars/Olympus")),
                "timezone", "Unknown time zone \"Mars/Olympus\" (use an IANA zone such as Africa/Lagos)");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 45, "ONE_TO_ONE", 1)),
                "duration_minutes", "duration_minutes must be 60: 10:00-11:00 on 2031-03-05 in Africa/Lagos lasts 60 minutes, got 45");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "GROUP", 21)),
                "max_participants", "A GROUP slot has 1 to 20 participants, got 21");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 2)),
                "max_participants", "A ONE_TO_ONE slot has exactly 1 participant");
        refused(call(HttpMethod.POST, SLOTS, token, slot("next tuesday", "10:00", "11:00", 60, "ONE_TO_ONE", 1)),
                "slot_date", "slot_date must be a date as YYYY-MM-DD, got \"next tuesday\"");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-02-30", "10:00", "11:00", 60, "ONE_TO_ONE", 1)),
                "slot_date", "slot_date must be a date as YYYY-MM-DD, got \"2031-02-30\"");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "PRIVATE", 1)),
                "session_type", "session_type must be ONE_TO_ONE or GROUP, got \"PRIVATE\"");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1)
                        .replace("\"durationMinutes\": 60", "\"durationMinutes\": 99999999999999999999999")),
                "duration_minutes", "duration_minutes must be between 0 and 100000");
        refused(call(HttpMethod.POST, SLOTS, token, slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1)
                        .replace("\"durationMinutes\": 60", "\"durationMinutes\": 60.5")),
                "duration_minutes", "duration_minutes must be a whole number");
        call(HttpMethod.POST, SLOTS, token, slot("2031-03-05\\u0000", "10:00", "11:00", 60, "ONE_TO_ONE", 1))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("slot_date");
        refused(call(HttpMethod.POST, SLOTS, token, "{\"slot_date\": {\"day\": 5}}"), "slot_date",
                "slot_date has the wrong type");
        refused(call(HttpMethod.POST, SLOTS, token, "{\"slots\": []}"), "slots", "Send 1 to 100 slots per request");
        call(HttpMethod.POST, SLOTS, token, "[1, 2]").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Slot 1: a slot must be a JSON object");
        call(HttpMethod.POST, SLOTS, token, "{\"slot_date\": ").expectStatus().isBadRequest();
        call(HttpMethod.POST, SLOTS, token, "null").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false);
        call(HttpMethod.POST, SLOTS, token, "{\"slots\": \"many\"}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("slots");
        call(HttpMethod.PATCH, SLOTS + "/abc", token, "{\"end_time\": \"12:00\"}").expectStatus().isBadRequest();
        call(HttpMethod.PATCH, SLOTS + "/99999999999999999999", token, "{\"end_time\": \"12:00\"}")
                .expectStatus().isBadRequest();

        assertThat(count("SELECT count(*) FROM teaching_slot WHERE tutor_id = $1", tutor)).isEqualTo(before);
        assertThat(outboxEvents(EventTypes.SLOT_CREATED, tutor)).isEqualTo(events);
    }

    @Test
    void aTutorChangesAndDeletesOnlyTheirOwnFutureUnbookedSlots() {
        long id = create(slot("2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1));
        long other = approvedTutor("Africa/Lagos");
        call(HttpMethod.PATCH, SLOTS + "/" + id, TestJwt.tutor(other), "{\"endTime\": \"12:00\", \"durationMinutes\": 120}")
                .expectStatus().isForbidden();
        call(HttpMethod.DELETE, SLOTS + "/" + id, TestJwt.tutor(other), null).expectStatus().isForbidden();
        call(HttpMethod.PATCH, SLOTS + "/" + id, TestJwt.student(newUser()), "{\"endTime\": \"12:00\"}")
                .expectStatus().isForbidden();

        call(HttpMethod.PATCH, SLOTS + "/" + id, token, "{\"endTime\": \"12:00\", \"durationMinutes\": 120}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Slot updated successfully")
                .jsonPath("$.data.end_time").isEqualTo("12:00")
                .jsonPath("$.data.duration_minutes").isEqualTo(120)
                .jsonPath("$.data.ends_at").isEqualTo("2031-03-05T11:00:00.000Z");
        refused(call(HttpMethod.PATCH, SLOTS + "/" + id, token, "{\"end_time\": \"11:30\"}"), "duration_minutes",
                "duration_minutes must be 90: 10:00-11:30 on 2031-03-05 in Africa/Lagos lasts 90 minutes, got 120");
        call(HttpMethod.PATCH, SLOTS + "/" + id, token, "{}").expectStatus().isBadRequest();
        call(HttpMethod.PATCH, SLOTS + "/999999999", token, "{\"end_time\": \"11:30\"}").expectStatus().isNotFound();
        assertThat(outboxEvents(EventTypes.SLOT_UPDATED, tutor)).isEqualTo(1);

        // A booked slot is cancelled by the booking flow, never deleted.
        long booked = create(slot("2031-03-06", "10:00", "11:00", 60, "ONE_TO_ONE", 1));
        db.sql("UPDATE teaching_slot SET booked_count = 1 WHERE id = $1").bind(0, booked).fetch().rowsUpdated().block();
        call(HttpMethod.DELETE, SLOTS + "/" + booked, token, null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("Slot " + booked + " has 1 booking: cancel it instead of deleting it");

        call(HttpMethod.DELETE, SLOTS + "/" + id, token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Slot deleted successfully");
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE id = $1", id)).isZero();
        assertThat(outboxEvents(EventTypes.SLOT_DELETED, tutor)).isEqualTo(1);

        // Once it has started, a slot can be neither changed nor deleted.
        long soon = create(slot("2031-03-04", "10:00", "11:00", 60, "ONE_TO_ONE", 1));
        clock.set(Instant.parse("2031-03-04T09:30:00Z"));
        call(HttpMethod.PATCH, SLOTS + "/" + soon, token, "{\"end_time\": \"11:30\", \"duration_minutes\": 90}")
                .expectStatus().isEqualTo(409);
        call(HttpMethod.DELETE, SLOTS + "/" + soon, token, null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("Slot " + soon
                        + " (2031-03-04 10:00-11:00 (Africa/Lagos)) is in the past and cannot be deleted");
    }
}
