package io.coachwork.session.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.coachwork.session.rooms.MeetingRoomProvider.Kind.ZOOM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zoom meetings against the Zoom stand-in: the account token by server-to-server OAuth, a meeting
 * made a day ahead with the session's duration (join URL for students, a fresh start URL for the
 * tutor), patched when the session moves, deleted when it is cancelled, left alone once it ended.
 */
class ZoomRoomsTest extends RoomsIntegrationTest {

    private static final Instant START = Instant.parse("2036-05-04T09:30:00Z");

    @Test
    void aMeetingIsMadeADayAheadMovedWithItsSessionAndDeletedWhenCancelled() {
        long tutor = newUser();
        long student = newUser();
        clock.set(START.minus(Duration.ofDays(3)));
        UUID id = teachingSession(tutor, START, 45, student);

        clock.set(START.minus(Duration.ofHours(25)));
        run(ZOOM);
        assertThat(STAND_INS.meetingCreations(id)).isEmpty();

        clock.set(START.minus(Duration.ofHours(24)));
        run(ZOOM);
        run(ZOOM);
        List<ProviderStandIns.Call> created = STAND_INS.meetingCreations(id);
        assertThat(created).hasSize(1);
        ProviderStandIns.Call create = created.get(0);
        assertThat(create.path()).isEqualTo("/zoom/v2/users/me/meetings");
        assertThat(create.authorization()).startsWith("Bearer zoom-token-");
        JsonNode body = create.json();
        assertThat(body.path("topic").asString()).isEqualTo("Algebra with tutor " + tutor);
        assertThat(body.path("type").asInt()).isEqualTo(2);
        assertThat(body.path("start_time").asString()).isEqualTo("2036-05-04T09:30:00Z");
        assertThat(body.path("duration").asInt()).isEqualTo(45);
        assertThat(body.path("timezone").asString()).isEqualTo("UTC");
        assertThat(body.path("settings").path("join_before_host").asBoolean(true)).isFalse();
        ProviderStandIns.Call token = STAND_INS.calls("POST", "/zoom/oauth/token").get(0);
        assertThat(token.authorization())
                .isEqualTo(ProviderStandIns.basic(ProviderStandIns.ZOOM_CLIENT_ID, ProviderStandIns.ZOOM_CLIENT_SECRET));
        assertThat(token.query()).isEqualTo("grant_type=account_credentials&account_id=" + ProviderStandIns.ZOOM_ACCOUNT);

        String meeting = roomColumn(id, "ZOOM", "external_id");
        assertThat(roomColumn(id, "ZOOM", "join_url")).isEqualTo("https://zoom.example/j/" + meeting);
        room(student, id).expectStatus().isOk().expectBody()
                .jsonPath("$.data.provider").isEqualTo("zoom")
                .jsonPath("$.data.state").isEqualTo("ready")
                .jsonPath("$.data.role").isEqualTo("participant")
                .jsonPath("$.data.url").isEqualTo("https://zoom.example/j/" + meeting)
                .jsonPath("$.data.discord_linked").doesNotExist();
        // The tutor's start URL is read fresh: Zoom's host token in it expires.
        room(tutor, id).expectStatus().isOk().expectBody()
                .jsonPath("$.data.role").isEqualTo("host")
                .jsonPath("$.data.url").isEqualTo("https://zoom.example/s/" + meeting + "?zak=fresh");
        assertThat(STAND_INS.calls("GET", "/zoom/v2/meetings/" + meeting)).hasSize(1);

        Instant moved = START.plus(Duration.ofHours(3));
        moveSession(id, moved, 90);
        clock.advance(Duration.ofMinutes(1));
        run(ZOOM);
        run(ZOOM);
        List<ProviderStandIns.Call> patches = STAND_INS.calls("PATCH", "/zoom/v2/meetings/" + meeting);
        assertThat(patches).hasSize(1);
        assertThat(patches.get(0).authorization()).startsWith("Bearer zoom-token-");
        assertThat(patches.get(0).json().path("start_time").asString()).isEqualTo("2036-05-04T12:30:00Z");
        assertThat(patches.get(0).json().path("duration").asInt()).isEqualTo(90);
        assertThat(STAND_INS.meeting(meeting).path("duration").asInt()).isEqualTo(90);
        assertThat(roomColumn(id, "ZOOM", "updated_room_at")).isNotNull();

        sessionStatus(id, "CANCELLED");
        clock.advance(Duration.ofMinutes(1));
        run(ZOOM);
        run(ZOOM);
        assertThat(STAND_INS.calls("DELETE", "/zoom/v2/meetings/" + meeting)).hasSize(1);
        assertThat(STAND_INS.meeting(meeting)).isNull();
        assertThat(roomColumn(id, "ZOOM", "state")).isEqualTo("DELETED");
        // One account token served every call of the test.
        assertThat(STAND_INS.calls("POST", "/zoom/oauth/token")).hasSize(1);
    }

    @Test
    void anEndedSessionKeepsItsMeetingAndACancelledOneNeverGetsOne() {
        long tutor = newUser();
        Instant start = START.plus(Duration.ofDays(7));
        clock.set(start.minus(Duration.ofDays(2)));
        UUID held = teachingSession(tutor, start, 60, newUser());
        UUID cancelled = teachingSession(tutor, start.plus(Duration.ofHours(2)), 60, newUser());
        sessionStatus(cancelled, "CANCELLED");

        clock.set(start.minus(Duration.ofHours(1)));
        run(ZOOM);
        String meeting = roomColumn(held, "ZOOM", "external_id");
        assertThat(meeting).isNotNull();
        assertThat(STAND_INS.meetingCreations(cancelled)).isEmpty();

        sessionStatus(held, "COMPLETED");
        clock.set(start.plus(Duration.ofHours(5)));
        run(ZOOM);
        assertThat(STAND_INS.calls("DELETE", "/zoom/v2/meetings/" + meeting)).isEmpty();
        assertThat(roomColumn(held, "ZOOM", "state")).isEqualTo("CREATED");
    }
}
