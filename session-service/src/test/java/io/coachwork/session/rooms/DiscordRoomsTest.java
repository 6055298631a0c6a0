package io.coachwork.session.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.coachwork.session.rooms.MeetingRoomProvider.Kind.DISCORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord rooms with a movable clock against the Discord stand-in: the private voice channel at
 * −15 minutes, access for the tutor and the booked students at −5, kept in step with who is booked,
 * deleted after the end; nothing for a session cancelled first; a second run changes nothing.
 */
class DiscordRoomsTest extends RoomsIntegrationTest {

    private static final Instant START = Instant.parse("2036-03-02T15:00:00Z");
    private static final String PARTICIPANT_ALLOW = Long.toString((1L << 10) | (1L << 20) | (1L << 21));

    @Test
    void aChannelIsMadeAtMinus15OpenedToItsPeopleAtMinus5AndDeletedAfterTheEnd() {
        long tutor = newUser();
        long alice = newUser();
        long bob = newUser();
        long carol = newUser();
        String tutorDiscord = linkDiscord(tutor);
        String aliceDiscord = linkDiscord(alice);
        String bobDiscord = linkDiscord(bob);
        clock.set(START.minus(Duration.ofHours(2)));
        UUID id = teachingSession(tutor, START, 60, alice, bob, carol);

        clock.set(START.minus(Duration.ofMinutes(16)));
        run(DISCORD);
        assertThat(STAND_INS.channelCreations(id)).isEmpty();
        room(alice, id).expectStatus().isOk().expectBody()
                .jsonPath("$.data.state").isEqualTo("preparing")
                .jsonPath("$.data.available_from").isEqualTo("2036-03-02T14:55:00.000Z");

        clock.set(START.minus(Duration.ofMinutes(15)));
        run(DISCORD);
        run(DISCORD);
        List<ProviderStandIns.Call> created = STAND_INS.channelCreations(id);
        assertThat(created).hasSize(1);
        ProviderStandIns.Call create = created.get(0);
        assertThat(create.path()).isEqualTo("/discord/api/guilds/" + ProviderStandIns.GUILD + "/channels");
        assertThat(create.authorization()).isEqualTo("Bot " + ProviderStandIns.BOT_TOKEN);
        JsonNode body = create.json();
        assertThat(body.path("name").asString()).isEqualTo("coaching-session-" + id);
        assertThat(body.path("type").asInt()).isEqualTo(2);
        JsonNode everyone = body.path("permission_overwrites").get(0);
        assertThat(everyone.path("id").asString()).isEqualTo(ProviderStandIns.GUILD);
        assertThat(everyone.path("type").asInt()).isEqualTo(0);
        assertThat(everyone.path("deny").asString()).isEqualTo(Long.toString((1L << 10) | (1L << 20)));
        String channel = roomColumn(id, "DISCORD", "external_id");
        assertThat(STAND_INS.channelExists(channel)).isTrue();
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("CREATED");
        assertThat(STAND_INS.calls("PUT", "/discord/api/channels/" + channel)).isEmpty();

        clock.set(START.minus(Duration.ofMinutes(6)));
        run(DISCORD);
        assertThat(STAND_INS.calls("PUT", "/discord/api/channels/" + channel)).isEmpty();

        clock.set(START.minus(Duration.ofMinutes(5)));
        run(DISCORD);
        run(DISCORD);
        List<ProviderStandIns.Call> grants = STAND_INS.calls("PUT", "/discord/api/channels/" + channel + "/permissions/");
        assertThat(grants).hasSize(3);
        assertThat(grants).allSatisfy(g -> {
            assertThat(g.authorization()).isEqualTo("Bot " + ProviderStandIns.BOT_TOKEN);
            assertThat(g.json().path("type").asInt()).isEqualTo(1);
            assertThat(g.json().path("allow").asString()).isEqualTo(PARTICIPANT_ALLOW);
        });
        assertThat(STAND_INS.overwritesOf(channel)).containsOnlyKeys(tutorDiscord, aliceDiscord, bobDiscord);
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("OPEN");

        String url = "https://discord.com/channels/" + ProviderStandIns.GUILD + "/" + channel;
        room(alice, id).expectStatus().isOk().expectBody()
                .jsonPath("$.data.state").isEqualTo("ready")
                .jsonPath("$.data.provider").isEqualTo("discord")
                .jsonPath("$.data.role").isEqualTo("participant")
                .jsonPath("$.data.url").isEqualTo(url)
                .jsonPath("$.data.discord_linked").isEqualTo(true);
        room(tutor, id).expectStatus().isOk().expectBody()
                .jsonPath("$.data.role").isEqualTo("host").jsonPath("$.data.url").isEqualTo(url);
        // Carol has no linked account: she is told, and the channel stays hidden from her.
        room(carol, id).expectStatus().isOk().expectBody().jsonPath("$.data.discord_linked").isEqualTo(false);
        room(newUser(), id).expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Teaching session not found");

        // Bob gives up his seat: his access goes; Carol links her account: she gets hers.
        cancelSeat(id, bob);
        String carolDiscord = linkDiscord(carol);
        clock.set(START.minus(Duration.ofMinutes(3)));
        run(DISCORD);
        run(DISCORD);
        assertThat(STAND_INS.calls("DELETE", "/discord/api/channels/" + channel + "/permissions/" + bobDiscord)).hasSize(1);
        assertThat(STAND_INS.calls("PUT", "/discord/api/channels/" + channel + "/permissions/" + carolDiscord)).hasSize(1);
        assertThat(STAND_INS.overwritesOf(channel)).containsOnlyKeys(tutorDiscord, aliceDiscord, carolDiscord);
        room(bob, id).expectStatus().isNotFound();

        sessionStatus(id, "IN_PROGRESS");
        clock.set(START.plus(Duration.ofMinutes(75)));
        run(DISCORD);
        assertThat(STAND_INS.calls(c -> c.method().equals("DELETE") && c.path().equals("/discord/api/channels/" + channel)))
                .isEmpty();

        sessionStatus(id, "COMPLETED");
        run(DISCORD);
        run(DISCORD);
        List<ProviderStandIns.Call> deletes = STAND_INS.calls(c -> c.method().equals("DELETE")
                && c.path().equals("/discord/api/channels/" + channel));
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).authorization()).isEqualTo("Bot " + ProviderStandIns.BOT_TOKEN);
        assertThat(STAND_INS.channelExists(channel)).isFalse();
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("DELETED");
        assertThat(roomColumn(id, "DISCORD", "deleted_at")).isNotNull();
        room(alice, id).expectStatus().isOk().expectBody().jsonPath("$.data.state").isEqualTo("closed");
    }

    @Test
    void aSessionCancelledBeforeItsChannelGetsNoneAndOneCancelledAfterLosesIt() {
        long tutor = newUser();
        long student = newUser();
        Instant start = START.plus(Duration.ofDays(1));
        clock.set(start.minus(Duration.ofHours(1)));
        UUID early = teachingSession(tutor, start, 30, student);
        UUID late = teachingSession(tutor, start.plus(Duration.ofMinutes(30)), 30, student);
        sessionStatus(early, "CANCELLED");

        clock.set(start.minus(Duration.ofMinutes(15)));
        run(DISCORD);
        assertThat(STAND_INS.channelCreations(early)).isEmpty();
        assertThat(roomColumn(early, "DISCORD", "state")).isNull();

        clock.set(start.plus(Duration.ofMinutes(15)));
        run(DISCORD);
        assertThat(STAND_INS.channelCreations(late)).hasSize(1);
        String channel = roomColumn(late, "DISCORD", "external_id");

        sessionStatus(late, "CANCELLED");
        clock.set(start.plus(Duration.ofMinutes(16)));
        run(DISCORD);
        run(DISCORD);
        assertThat(STAND_INS.calls(c -> c.method().equals("DELETE") && c.path().equals("/discord/api/channels/" + channel)))
                .hasSize(1);
        assertThat(STAND_INS.channelExists(channel)).isFalse();
        assertThat(STAND_INS.calls("PUT", "/discord/api/channels/" + channel)).isEmpty();
    }

    @Test
    void aFailedCreationIsRetriedByTheNextRunAndTheCronEndpointRunsTheJob() {
        long tutor = newUser();
        Instant start = START.plus(Duration.ofDays(2));
        clock.set(start.minus(Duration.ofHours(1)));
        UUID id = teachingSession(tutor, start, 45, newUser());

        clock.set(start.minus(Duration.ofMinutes(14)));
        STAND_INS.failNextCreations(1);
        MeetingRoomJob.ProviderRoomsReport failed = run(DISCORD);
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("PENDING");
        assertThat(roomColumn(id, "DISCORD", "last_error")).contains("HTTP 500");
        assertThat(roomColumn(id, "DISCORD", "attempts")).isEqualTo("1");

        clock.advance(Duration.ofMinutes(1));
        web.get().uri("/api/cron/session/meeting-rooms").headers(h -> h.setBearerAuth(CRON_SECRET)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Meeting rooms job completed")
                .jsonPath("$.data.providers[0].provider").isEqualTo("discord")
                .jsonPath("$.data.providers[0].adds_rooms").isEqualTo(true)
                .jsonPath("$.data.providers[1].provider").isEqualTo("zoom")
                .jsonPath("$.data.providers[1].adds_rooms").isEqualTo(false);
        assertThat(STAND_INS.channelCreations(id)).hasSize(2);
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("CREATED");
        assertThat(roomColumn(id, "DISCORD", "last_error")).isNull();
        web.get().uri("/api/cron/session/meeting-rooms").headers(h -> h.setBearerAuth("wrong")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aChannelMadeByAPassThatDiedBeforeRecordingItIsTakenNotMadeAgain() {
        long tutor = newUser();
        Instant start = START.plus(Duration.ofDays(4));
        clock.set(start.minus(Duration.ofHours(1)));
        UUID id = teachingSession(tutor, start, 30, newUser());
        String orphan = STAND_INS.existingChannel("coaching-session-" + id);

        clock.set(start.minus(Duration.ofMinutes(15)));
        run(DISCORD);

        assertThat(STAND_INS.channelCreations(id)).isEmpty();
        assertThat(roomColumn(id, "DISCORD", "external_id")).isEqualTo(orphan);
        ProviderStandIns.Call list = STAND_INS.calls("GET", "/discord/api/guilds/" + ProviderStandIns.GUILD + "/channels").get(0);
        assertThat(list.authorization()).isEqualTo("Bot " + ProviderStandIns.BOT_TOKEN);
    }

    @Test
    void twoReplicasRunningTogetherMakeOneChannel() {
        long tutor = newUser();
        Instant start = START.plus(Duration.ofDays(3));
        clock.set(start.minus(Duration.ofHours(1)));
        UUID id = teachingSession(tutor, start, 60, newUser());

        clock.set(start.minus(Duration.ofMinutes(15)));
        STAND_INS.delayCreations(Duration.ofMillis(400));
        try {
            List<MeetingRoomJob.ProviderRoomsReport> reports = reactor.core.publisher.Flux.merge(
                    job.run(DISCORD, true), job.run(DISCORD, true), job.run(DISCORD, true)).collectList().block();
            assertThat(reports).extracting(MeetingRoomJob.ProviderRoomsReport::failed).containsOnly(0);
        } finally {
            STAND_INS.delayCreations(Duration.ZERO);
        }
        assertThat(STAND_INS.channelCreations(id)).hasSize(1);
        assertThat(roomColumn(id, "DISCORD", "state")).isEqualTo("CREATED");
        assertThat(roomColumn(id, "DISCORD", "lease_owner")).isNull();
    }
}
