package io.coachwork.session.rooms;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linking a Discord account against the Discord stand-in: the authorize URL with a signed state,
 * the callback trading the code (client credentials, redirect URI), reading {@code /users/@me} with
 * the user's token and adding them to the guild with it; states are single-use and unforgeable.
 * Every link and unlink is announced on {@code coachwork.session.accounts} (no Discord ids or tokens).
 */
class DiscordLinkTest extends RoomsIntegrationTest {

    private static final String LINK = "/api/teaching/discord/link";
    private static final String CALLBACK = "/api/teaching/discord/callback";

    @Test
    void aStudentLinksChecksAndUnlinksTheirAccount() {
        long student = newUser();
        String discordId = Long.toString(700_000_000_000_000_000L + student);
        String code = "code-" + student;
        STAND_INS.discordAuthorizes(code, discordId, "alice");

        Map<String, String> query = authorize(student);
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", ProviderStandIns.DISCORD_CLIENT_ID)
                .containsEntry("scope", "identify guilds.join")
                .containsEntry("redirect_uri", "https://coachwork.test/api/teaching/discord/callback");
        String state = query.get("state");

        // Discord sends the browser back: no Coachwork token on this request.
        web.get().uri(b -> b.path(CALLBACK).queryParam("code", code).queryParam("state", state).build()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Discord account linked")
                .jsonPath("$.data.linked").isEqualTo(true)
                .jsonPath("$.data.discord_user_id").isEqualTo(discordId)
                .jsonPath("$.data.discord_username").isEqualTo("alice");

        ProviderStandIns.Call exchange = STAND_INS.calls(c -> c.path().equals("/discord/oauth/token")
                && c.body().contains("code=" + code)).get(0);
        assertThat(exchange.authorization()).isEqualTo(
                ProviderStandIns.basic(ProviderStandIns.DISCORD_CLIENT_ID, ProviderStandIns.DISCORD_CLIENT_SECRET));
        assertThat(exchange.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(exchange.form()).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", "https://coachwork.test/api/teaching/discord/callback");
        assertThat(STAND_INS.calls("GET", "/discord/api/users/@me")).isNotEmpty();
        ProviderStandIns.Call join = STAND_INS.calls("PUT", "/discord/api/guilds/" + ProviderStandIns.GUILD + "/members/"
                + discordId).get(0);
        assertThat(join.authorization()).isEqualTo("Bot " + ProviderStandIns.BOT_TOKEN);
        assertThat(join.json().path("access_token").asString()).startsWith("discord-user-token-");
        assertThat(STAND_INS.guildMember(discordId)).isTrue();

        status(student).jsonPath("$.data.linked").isEqualTo(true).jsonPath("$.data.discord_user_id").isEqualTo(discordId);
        assertThat(outboxEvents(EventTypes.DISCORD_LINKED, student)).isEqualTo(1);
        JsonNode linked = announced(EventTypes.DISCORD_LINKED, student);
        assertThat(linked.path("subject").asString()).isEqualTo(Long.toString(student));
        assertThat(linked.path("data").path("user_id").asLong()).isEqualTo(student);
        assertThat(linked.path("data").path("linked").asBoolean()).isTrue();
        assertThat(linked.path("data").path("occurred_at").asString()).isNotEmpty();
        assertThat(linked.path("data").propertyNames()).containsExactlyInAnyOrder("user_id", "linked", "occurred_at");

        // A state answers once.
        web.get().uri(b -> b.path(CALLBACK).queryParam("code", code).queryParam("state", state).build()).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo(DiscordLinks.BAD_STATE);

        web.delete().uri(LINK).headers(h -> h.setBearerAuth(TestJwt.student(student))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.linked").isEqualTo(false);
        status(student).jsonPath("$.data.linked").isEqualTo(false);
        JsonNode unlinked = announced(EventTypes.DISCORD_UNLINKED, student);
        assertThat(unlinked.path("data").path("linked").asBoolean()).isFalse();

        // Unlinking again changes nothing and announces nothing.
        web.delete().uri(LINK).headers(h -> h.setBearerAuth(TestJwt.student(student))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.linked").isEqualTo(false);
        assertThat(outboxEvents(EventTypes.DISCORD_UNLINKED, student)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.DISCORD_LINKED, student)).isEqualTo(1);
    }

    @Test
    void forgedOrForeignStatesAndAnAccountLinkedElsewhereAreRefused() {
        long first = newUser();
        long second = newUser();
        String discordId = Long.toString(710_000_000_000_000_000L + first);
        STAND_INS.discordAuthorizes("one-" + first, discordId, "bob");
        STAND_INS.discordAuthorizes("two-" + first, discordId, "bob");

        String state = authorize(first).get("state");
        String forged = second + state.substring(state.indexOf('.'));
        web.get().uri(b -> b.path(CALLBACK).queryParam("code", "one-" + first).queryParam("state", forged).build())
                .exchange().expectStatus().isBadRequest();
        // The state's user and the caller's token must agree when a token is sent.
        web.get().uri(b -> b.path(CALLBACK).queryParam("code", "one-" + first).queryParam("state", state).build())
                .headers(h -> h.setBearerAuth(TestJwt.student(second))).exchange()
                .expectStatus().isForbidden();
        web.get().uri(b -> b.path(CALLBACK).queryParam("error", "access_denied").queryParam("state", state).build())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Discord did not authorize the link (access_denied)");

        web.get().uri(b -> b.path(CALLBACK).queryParam("code", "one-" + first).queryParam("state", authorize(first).get("state"))
                .build()).headers(h -> h.setBearerAuth(TestJwt.student(first))).exchange().expectStatus().isOk();
        web.get().uri(b -> b.path(CALLBACK).queryParam("code", "two-" + first).queryParam("state", authorize(second).get("state"))
                .build()).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("This Discord account is already linked to another user");
        status(second).jsonPath("$.data.linked").isEqualTo(false);
        // Only the link that was made is announced.
        assertThat(outboxEvents(EventTypes.DISCORD_LINKED, first)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.DISCORD_LINKED, second)).isZero();

        web.get().uri(b -> b.path(CALLBACK).queryParam("code", "unknown").queryParam("state", authorize(second).get("state"))
                .build()).exchange().expectStatus().isBadRequest();
        web.get().uri(LINK).exchange().expectStatus().isUnauthorized();
    }

    private Map<String, String> authorize(long userId) {
        JsonNode answer = json(web.get().uri(LINK).headers(h -> h.setBearerAuth(TestJwt.student(userId))).exchange()
                .expectStatus().isOk());
        String url = answer.at("/data/authorize_url").asString();
        assertThat(url).startsWith("https://discord.test/oauth2/authorize?");
        return UriComponentsBuilder.fromUri(URI.create(url)).build(true).getQueryParams().toSingleValueMap().entrySet()
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> java.net.URLDecoder.decode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The one event of {@code type} in the outbox for this user, on the accounts topic. */
    private JsonNode announced(String type, long userId) {
        String payload = db.sql("SELECT payload FROM outbox_event WHERE topic = $1 AND event_type = $2 AND message_key = $3")
                .bind(0, Topics.SESSION_ACCOUNTS).bind(1, type).bind(2, Long.toString(userId))
                .map((row, meta) -> row.get("payload", String.class)).one().block();
        return TestEvents.json().readTree(payload);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec status(long userId) {
        return web.get().uri("/api/teaching/discord/status").headers(h -> h.setBearerAuth(TestJwt.student(userId)))
                .exchange().expectStatus().isOk().expectBody();
    }
}
