package io.coachwork.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.TestCalendly;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** A time the tutor sold on Calendly is not sold again here: booking it answers 409, before any payment. */
class CalendlyBookingTest extends BookingIntegrationTest {

    private void calendly(long tutor, String event, String id, Instant start, Instant end) {
        String body = TestCalendly.body(event, id, TestCalendly.user(tutor), TestCalendly.LESSON, start, end);
        web.post().uri("/api/webhooks/calendly").contentType(MediaType.APPLICATION_JSON)
                .header("Calendly-Webhook-Signature", TestCalendly.signature(body, clock.instant()))
                .bodyValue(body).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.delivery.status").isEqualTo("applied");
    }

    @Test
    void aSlotOrAGeneratedTimeOverlappingCalendlyBusyTimeIsRefused() {
        clock.set(NOW);
        long tutor = tutor();
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, "/api/teaching/integrations/calendly", token,
                "{\"calendly_user_uri\": \"" + TestCalendly.user(tutor) + "\"}").expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/schedules", token, """
                {"name": "Main", "blocks": [{"day": "WEDNESDAY", "start_time": "12:00", "end_time": "14:00"}]}""")
                .expectStatus().isCreated();
        long slot = oneToOne(tutor);    // Wednesday 10:00-11:00 Lagos = 09:00-10:00Z
        String id = UUID.randomUUID().toString();
        // 10:30-13:15 Lagos on Calendly: overlaps the slot and the generated 12:00 and 13:00 times.
        calendly(tutor, "invitee.created", id, Instant.parse("2031-03-05T09:30:00Z"), Instant.parse("2031-03-05T12:15:00Z"));

        long student = newUser();
        call(HttpMethod.POST, BOOK, TestJwt.student(student), "{\"slot_id\": " + slot + "}")
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo(BookingService.CALENDLY_BUSY);
        call(HttpMethod.POST, BOOK, TestJwt.student(student), "{\"tutor_id\": " + tutor
                + ", \"starts_at\": \"2031-03-05T11:00:00Z\", \"duration_minutes\": 60}")
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo(BookingService.CALENDLY_BUSY);
        assertThat(bookedCount(slot)).isZero();
        assertThat(count("SELECT count(*) FROM booking WHERE student_id = $1", student)).isZero();
        assertThat(count("SELECT count(*) FROM teaching_slot WHERE tutor_id = $1 AND generated", tutor)).isZero();

        // Cancelled on Calendly: the slot is bookable again (the hold is taken; the wallet is not asked here).
        calendly(tutor, "invitee.canceled", id, Instant.parse("2031-03-05T09:30:00Z"), Instant.parse("2031-03-05T12:15:00Z"));
        pending(student, slot, wallet());
        assertThat(bookedCount(slot)).isEqualTo(1);
    }
}
