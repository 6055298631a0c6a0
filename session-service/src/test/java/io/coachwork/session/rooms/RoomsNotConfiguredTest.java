package io.coachwork.session.rooms;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.SessionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as it boots with no room provider, Discord or Agora credentials (the default): the
 * job skips every provider and says why, health details say what is missing, and the endpoints
 * that need a provider answer 503 in the envelope.
 */
class RoomsNotConfiguredTest extends SessionIntegrationTest {

    @Autowired
    MeetingRoomsHealth health;

    @Test
    void theJobSkipsEveryProviderAndHealthDetailsSaySo() {
        web.get().uri("/api/cron/session/meeting-rooms").headers(h -> h.setBearerAuth(CRON_SECRET)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data.providers[0].provider").isEqualTo("discord")
                .jsonPath("$.data.providers[0].adds_rooms").isEqualTo(false)
                .jsonPath("$.data.providers[0].skipped").isEqualTo(
                        "not configured: set coachwork.rooms.discord.bot-token and coachwork.rooms.discord.guild-id")
                .jsonPath("$.data.providers[1].provider").isEqualTo("zoom")
                .jsonPath("$.data.providers[1].skipped").value(s -> assertThat((String) s).startsWith("not configured"));

        Health h = health.health().block();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("provider", "none")
                .containsEntry("discord", "not configured: set coachwork.rooms.discord.bot-token and coachwork.rooms.discord.guild-id")
                .containsKey("zoom").containsKey("rooms_failing");
        assertThat((String) h.getDetails().get("discord_linking")).startsWith("not configured");
    }

    @Test
    void aChosenProviderWithoutCredentialsIsSkippedAndMakesNoRoom() {
        RoomsProperties zoomChosen = new RoomsProperties("zoom", null, null, null, null, null);
        List<MeetingRoomProvider> providers = List.of(new DiscordRooms(zoomChosen), new ZoomRooms(zoomChosen, clock));
        MeetingRoomRepository repository = new MeetingRoomRepository(db);
        clock.set(Instant.parse("2037-01-05T10:00:00Z"));
        UUID id = teachingSession(newUser(), clock.instant().plus(Duration.ofMinutes(10)), newUser());

        MeetingRoomJob.RoomsReport report = new MeetingRoomJob(zoomChosen, providers, repository, clock).run().block();

        assertThat(report.providers()).extracting(MeetingRoomJob.ProviderRoomsReport::provider, MeetingRoomJob.ProviderRoomsReport::addsRooms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("discord", false),
                        org.assertj.core.groups.Tuple.tuple("zoom", true));
        assertThat(report.providers().get(1).skipped()).startsWith("not configured: set coachwork.rooms.zoom.account-id");
        assertThat(count("SELECT count(*) FROM meeting_room WHERE session_id = $1", id)).isZero();
        Map<String, Object> details = new MeetingRoomsHealth(zoomChosen, providers, repository).health().block().getDetails();
        assertThat(details).containsEntry("provider", "zoom");
        assertThat((String) details.get("zoom")).startsWith("skipped, not configured");
    }

    @Test
    void linkingAndRoomsAnswer503AndStrangersStill404() {
        long tutor = newUser();
        UUID id = teachingSession(tutor, Instant.parse("2037-02-01T10:00:00Z"), newUser());

        web.get().uri("/api/teaching/discord/link").headers(h -> h.setBearerAuth(TestJwt.student(newUser()))).exchange()
                .expectStatus().isEqualTo(503).expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Discord account linking is not configured");
        web.get().uri("/api/teaching/sessions/" + id + "/room").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor))).exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.message").isEqualTo("Meeting rooms are not configured");
        web.get().uri("/api/teaching/sessions/" + id + "/room").headers(h -> h.setBearerAuth(TestJwt.tutor(newUser())))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/teaching/sessions/not-a-uuid/room").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("id must be a teaching session id (a UUID)");
    }

    private UUID teachingSession(long tutorId, Instant start, long studentId) {
        UUID id = UUID.randomUUID();
        db.sql("""
                        INSERT INTO teaching_session (id, slot_id, tutor_id, session_type, max_participants, title, starts_at,
                          ends_at, timezone, status, channel_name, created_at, updated_at)
                        VALUES ($1, $2, $3, 'ONE_TO_ONE', 1, 'Lesson', $4, $5, 'UTC', 'SCHEDULED', $6, $4, $4)""")
                .bind(0, id).bind(1, newUser()).bind(2, tutorId).bind(3, start.atOffset(ZoneOffset.UTC))
                .bind(4, start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)).bind(5, "teaching_" + id)
                .fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO teaching_participant (id, session_id, booking_id, student_id, status, booked_at, updated_at)
                        VALUES ($1, $2, $3, $4, 'BOOKED', $5, $5)""")
                .bind(0, UUID.randomUUID()).bind(1, id).bind(2, UUID.randomUUID()).bind(3, studentId)
                .bind(4, start.atOffset(ZoneOffset.UTC)).fetch().rowsUpdated().block();
        return id;
    }
}
