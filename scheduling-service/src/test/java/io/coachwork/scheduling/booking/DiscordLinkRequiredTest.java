package io.coachwork.scheduling.booking;

import io.coachwork.platform.test.TestJwt;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003 where Discord is the room provider: booking and joining a waitlist need a linked Discord
 * account, as session-service last announced it (its own service instance: the rule is read at start).
 */
@TestPropertySource(properties = {"coachwork.bookings.rooms-provider=discord", "coachwork.bookings.require-discord-link="})
class DiscordLinkRequiredTest extends BookingIntegrationTest {

    private static final Instant LINKED_AT = Instant.parse("2031-03-01T10:00:00Z");

    private long tutor;

    @BeforeEach
    void tutorInLagos() {
        clock.set(NOW);
        tutor = tutor();
    }

    private void refused(long student, String path, String body, String message) {
        call(HttpMethod.POST, path, TestJwt.student(student), body).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isEqualTo(message);
    }

    @Test
    void aStudentWithoutALinkIsToldToLinkAndBooksOnceLinked() {
        long slot = oneToOne(tutor);
        long student = newUser();
        String body = "{\"slot_id\": " + slot + "}";
        refused(student, BOOK, body, "Link your Discord account before booking: GET /api/teaching/discord/link");
        refused(student, BOOK, "{\"tutor_id\": " + tutor + ", \"starts_at\": \"2031-03-05T08:00:00Z\", "
                + "\"duration_minutes\": 60}", DiscordLinkRequirement.BOOKING);

        announceDiscordLink(student, true, LINKED_AT);
        announceDiscordLink(student, false, LINKED_AT.plusSeconds(60));
        refused(student, BOOK, body, DiscordLinkRequirement.BOOKING);
        assertThat(bookedCount(slot)).isZero();
        assertThat(count("SELECT count(*) FROM booking WHERE student_id = $1", student)).isZero();

        announceDiscordLink(student, true, LINKED_AT.plusSeconds(120));
        Pending p = pending(student, slot, wallet());
        assertThat(status(p.bookingId())).isEqualTo("PENDING_PAYMENT");
        assertThat(bookedCount(slot)).isEqualTo(1);
    }

    @Test
    void joiningAWaitlistNeedsALinkToo() {
        long slot = oneToOne(tutor);
        long booked = newUser();
        announceDiscordLink(booked, true, LINKED_AT);
        pending(booked, slot, wallet());

        long waiting = newUser();
        String body = "{\"slot_id\": " + slot + "}";
        refused(waiting, "/api/teaching/waitlist", body,
                "Link your Discord account before joining a waitlist: GET /api/teaching/discord/link");
        assertThat(count("SELECT count(*) FROM waitlist_entry WHERE slot_id = $1", slot)).isZero();

        announceDiscordLink(waiting, true, LINKED_AT);
        call(HttpMethod.POST, "/api/teaching/waitlist", TestJwt.student(waiting), body)
                .expectStatus().isCreated().expectBody().jsonPath("$.data.position").isEqualTo(1);
    }
}
