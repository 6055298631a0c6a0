package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.payment.PaymentCommands.CreateBookingPayment;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.saga.SagaScript;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 002's booking rules and messages, generated times, the waitlist and bad input, over HTTP. */
class BookingApiTest extends BookingIntegrationTest {

    private long tutor;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = tutor();
    }

    private void refusedWith(long student, String body, int status, String message) {
        call(HttpMethod.POST, BOOK, TestJwt.student(student), body).expectStatus().isEqualTo(status)
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isEqualTo(message);
    }

    @Test
    void pastSlotsSlotsBeyondFourWeeksOwnSlotsAndUnlistedTutorsAreRefused() {
        long slot = oneToOne(tutor);
        clock.set(Instant.parse("2031-03-05T09:30:00Z"));
        refusedWith(newUser(), "{\"slot_id\": " + slot + "}", 400, "This session is in the past and cannot be booked");
        clock.set(NOW);

        long far = slot(tutor, "2031-03-31", "10:00", "11:00", 60, "ONE_TO_ONE", 1);
        clock.set(NOW.minus(Duration.ofDays(2)));
        refusedWith(newUser(), "{\"slot_id\": " + far + "}", 400, "Sessions can be booked at most 4 weeks ahead");
        clock.set(NOW);

        call(HttpMethod.POST, BOOK, TestJwt.token(tutor, "tutor", "student"), "{\"slot_id\": " + slot + "}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("slot_id")
                .jsonPath("$.message").isEqualTo("You cannot book your own session");

        long draft = newUser();
        long draftSlot = slot(draft, "2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1);
        refusedWith(newUser(), "{\"slot_id\": " + draftSlot + "}", 409, "This tutor is not accepting bookings");
        refusedWith(newUser(), "{\"slot_id\": 999999999999}", 404, "Slot not found");
        call(HttpMethod.POST, BOOK, TestJwt.tutor(newUser()), "{\"slot_id\": " + slot + "}").expectStatus().isForbidden();
        assertThat(bookedCount(slot)).isZero();
    }

    @Test
    void aStudentInAnotherZoneReadsTheTimesInBothZones() {
        long slot = oneToOne(tutor);
        long student = newUser();
        JsonNode view = pending(student, studentIn(student, "Asia/Tokyo"), "{\"slot_id\": " + slot + "}", wallet()).view();
        assertThat(view.get("timezone").asString()).isEqualTo("Africa/Lagos");
        assertThat(view.get("local_starts_at").asString()).isEqualTo("2031-03-05T10:00:00");
        assertThat(view.get("student_timezone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(view.get("student_starts_at").asString()).isEqualTo("2031-03-05T18:00:00");
        assertThat(view.get("starts_at").asString()).isEqualTo("2031-03-05T09:00:00.000Z");
    }

    @Test
    void aFullSlotAnswersSessionFullAndAStudentHoldsOneSeatPerSlot() {
        long group = slot(tutor, "2031-03-06", "15:00", "16:00", 60, "GROUP", 2);
        long student = newUser();
        pending(student, group, wallet());
        refusedWith(student, "{\"slot_id\": " + group + "}", 409, BookingService.ALREADY_SEATED);
        pending(newUser(), group, wallet());
        refusedWith(newUser(), "{\"slot_id\": " + group + "}", 409, BookingService.SESSION_FULL);
        assertThat(bookedCount(group)).isEqualTo(2);
    }

    @Test
    void aGeneratedTimeBecomesASlotOfItsOwnAndIsNotBookableTwice() {
        call(HttpMethod.POST, "/api/teaching/schedules", TestJwt.tutor(tutor), """
                {"name": "Main", "blocks": [{"day": "WEDNESDAY", "start_time": "09:00", "end_time": "12:00"}]}""")
                .expectStatus().isCreated();
        String time = "{\"tutor_id\": " + tutor + ", \"starts_at\": \"2031-03-05T08:00:00Z\", \"duration_minutes\": 90,"
                + " \"subject\": \"chess\", \"notes\": \"Endgames\"}";
        long student = newUser();
        Pending p = pending(student, time, wallet());
        assertThat(p.command().amountMinor()).isEqualTo(9000);
        assertThat(p.view().get("local_starts_at").asString()).isEqualTo("2031-03-05T09:00:00");
        assertThat(p.view().get("local_ends_at").asString()).isEqualTo("2031-03-05T10:30:00");
        assertThat(p.view().get("subject").asString()).isEqualTo("Chess");
        assertThat(p.view().get("notes").asString()).isEqualTo("Endgames");
        long slot = p.view().get("slot_id").asLong();
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE id = $1 AND generated AND session_type = 'ONE_TO_ONE' "
                + "AND booked_count = 1", slot)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.SLOT_CREATED, tutor)).isEqualTo(1);

        refusedWith(newUser(), time, 409, BookingService.NOT_BOOKABLE);
        refusedWith(newUser(), "{\"tutor_id\": " + tutor + ", \"starts_at\": \"2031-03-05T13:00:00Z\", "
                + "\"duration_minutes\": 60}", 409, BookingService.NOT_BOOKABLE);
        call(HttpMethod.POST, BOOK, TestJwt.student(newUser()), "{\"tutor_id\": " + tutor
                + ", \"starts_at\": \"2031-03-05T10:00:00Z\", \"duration_minutes\": 45}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duration_minutes");
        refusedWith(newUser(), "{\"tutor_id\": " + tutor + ", \"starts_at\": \"2031-03-05T10:00:00Z\", "
                + "\"duration_minutes\": 60, \"subject\": \"Go\"}", 400, "This tutor teaches [Chess], not Go");
    }

    @Test
    void aFreedSeatIsOfferedToTheWaitlistInTurn() {
        long group = slot(tutor, "2031-03-06", "15:00", "16:00", 60, "GROUP", 2);
        long first = newUser();
        Pending a = pending(first, group, wallet());
        pending(newUser(), group, wallet());
        long third = newUser();
        long fourth = newUser();
        call(HttpMethod.POST, "/api/teaching/waitlist", TestJwt.student(first), "{\"slot_id\": " + group + "}")
                .expectStatus().isEqualTo(409);
        call(HttpMethod.POST, "/api/teaching/waitlist", TestJwt.student(third), "{\"slot_id\": " + group + "}")
                .expectStatus().isCreated().expectBody().jsonPath("$.data.position").isEqualTo(1);
        call(HttpMethod.POST, "/api/teaching/waitlist", TestJwt.student(third), "{\"slot_id\": " + group + "}")
                .expectStatus().isEqualTo(409);
        call(HttpMethod.POST, "/api/teaching/slots/" + group + "/waitlist", TestJwt.student(fourth), null)
                .expectStatus().isCreated().expectBody().jsonPath("$.data.position").isEqualTo(2);

        call(HttpMethod.PATCH, "/api/teaching/sessions/" + a.id() + "/cancel", TestJwt.student(first), null)
                .expectStatus().isOk();
        SagaScript thirdWallet = wallet();
        CreateBookingPayment offer = thirdWallet.expectCommand(EventTypes.CREATE_BOOKING_PAYMENT,
                CreateBookingPayment.class, c -> c.studentId() == third && c.slotId() == group).command();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2",
                EventTypes.BOOKING_WAITLIST_OFFERED, offer.bookingId())).isEqualTo(1);
        assertThat(bookedCount(group)).isEqualTo(2);
        JsonNode places = json(get("/api/teaching/waitlist", TestJwt.student(third)).expectStatus().isOk());
        assertThat(places.at("/data/entries/0/status").asString()).isEqualTo("OFFERED");
        assertThat(places.at("/data/entries/0/booking_id").asString()).isEqualTo(offer.bookingId());

        // Every hold runs out: the seats go to the next waiting student, once.
        clock.set(NOW.plus(Duration.ofMinutes(40)));
        cron("hold-expiry");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM booking WHERE slot_id = $1 AND student_id = $2 AND status = 'HELD'", group, fourth))
                .isEqualTo(1));
        assertThat(count("SELECT count(*) FROM waitlist_entry WHERE slot_id = $1 AND status = 'OFFERED'", group))
                .isEqualTo(2);
        assertThat(bookedCount(group)).isEqualTo(1);
        call(HttpMethod.DELETE, "/api/teaching/waitlist/" + group, TestJwt.student(fourth), null).expectStatus().isNotFound();
    }

    @Test
    void badInputIsAClearFourHundredNeverAFiveHundred() {
        long slot = oneToOne(tutor);
        String student = TestJwt.student(newUser());
        String[] bodies = {"{}", "[]", "\"x\"", "{\"slot_id\": \"abc\"}", "{\"slot_id\": 1e30}", "{\"slot_id\": -1}",
                "{\"slot_id\": 1.5}", "{\"slot_id\": " + slot + ", \"notes\": \"a\\u0000b\"}",
                "{\"slot_id\": " + slot + ", \"notes\": " + "\"" + "n".repeat(3000) + "\"}",
                "{\"tutor_id\": " + tutor + ", \"starts_at\": \"+300000-01-01T00:00:00Z\", \"duration_minutes\": 60}",
                "{\"tutor_id\": " + tutor + ", \"starts_at\": \"tomorrow\", \"duration_minutes\": 60}",
                "{\"tutor_id\": " + tutor + ", \"starts_at\": \"2031-03-05T08:00:00Z\", \"duration_minutes\": 1e9}",
                "{\"tutor_id\": " + tutor + "}", "{\"tutor_id\": 99999999999999999999999}",
                "{\"slot_id\": " + slot + ", \"subject\": {\"x\": 1}}", "not json",
                "{\"slot_id\": " + slot + ", \"notes\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"};
        for (String body : bodies) {
            int status = call(HttpMethod.POST, BOOK, student, body).returnResult(String.class).getStatus().value();
            assertThat(status).as(body.length() > 200 ? body.substring(0, 200) : body).isBetween(400, 499);
        }
        for (String path : new String[]{"/api/teaching/bookings/nope", "/api/teaching/bookings/" + "9".repeat(40),
                "/api/teaching/sessions/my?page=-1&limit=abc"}) {
            assertThat(get(path, student).returnResult(String.class).getStatus().value()).as(path).isBetween(400, 499);
        }
        for (String id : new String[]{"nope", "00000000-0000-0000-0000-000000000000", "%00"}) {
            assertThat(call(HttpMethod.PATCH, "/api/teaching/sessions/" + id + "/cancel", student, null)
                    .returnResult(String.class).getStatus().value()).as(id).isBetween(400, 499);
        }
        for (String slotId : new String[]{"x", "1e40", "-5", "0"}) {
            assertThat(call(HttpMethod.POST, "/api/teaching/slots/" + slotId + "/waitlist", student, null)
                    .returnResult(String.class).getStatus().value()).as(slotId).isBetween(400, 499);
        }
        for (String body : new String[]{"{}", "{\"slot_id\": \"x\"}", "{\"slot_id\": 1e40}", "[]"}) {
            assertThat(call(HttpMethod.POST, "/api/teaching/waitlist", student, body).returnResult(String.class)
                    .getStatus().value()).as(body).isBetween(400, 499);
        }
        assertThat(bookedCount(slot)).isZero();
    }

    @Test
    void theRefundPolicyIsATutorSettingWithSeed002sDefault() {
        String token = TestJwt.tutor(tutor);
        get("/api/teaching/profile", token).expectStatus().isOk().expectBody()
                .jsonPath("$.data.cancellation_policy").isEqualTo("flexible")
                .jsonPath("$.data.late_cancel_refund_percent").isEqualTo(0);
        call(HttpMethod.PUT, "/api/teaching/profile", token, "{\"cancellation_policy\": \"weekly\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("cancellation_policy");
        for (String percent : new String[]{"101", "-1", "1.5", "1e9", "\"half\""}) {
            call(HttpMethod.PUT, "/api/teaching/profile", token, "{\"late_cancel_refund_percent\": " + percent + "}")
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("late_cancel_refund_percent");
        }
    }
}
