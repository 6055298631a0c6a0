package io.coachwork.session.rooms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Discord rooms over Discord's REST API (v10) with the bot token (seed 003): a private voice
 * channel in the guild ({@code @everyone} may neither see nor join it), member overwrites letting
 * the tutor and the booked students see, join and speak, and the channel deleted afterwards.
 */
@Component
public class DiscordRooms implements MeetingRoomProvider {

    /** Discord permission bits. */
    static final long VIEW_CHANNEL = 1L << 10;
    static final long MANAGE_CHANNELS = 1L << 4;
    static final long MANAGE_ROLES = 1L << 28;
    static final long CONNECT = 1L << 20;
    static final long SPEAK = 1L << 21;
    static final long PARTICIPANT = VIEW_CHANNEL | CONNECT | SPEAK;
    static final int GUILD_VOICE = 2;
    static final int ROLE_OVERWRITE = 0;
    static final int MEMBER_OVERWRITE = 1;

    private final RoomsProperties.Discord config;
    private final WebClient api;

    public DiscordRooms(RoomsProperties properties) {
        this.config = properties.discord();
        this.api = ProviderCalls.client(config.apiBaseUrl(), properties.httpTimeout()).mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bot " + config.botToken())
                .build();
    }

    @Override
    public Kind kind() {
        return Kind.DISCORD;
    }

    @Override
    public boolean configured() {
        return config.configured();
    }

    @Override
    public String configurationHint() {
        return configured() ? "configured"
                : "not configured: set coachwork.rooms.discord.bot-token and coachwork.rooms.discord.guild-id";
    }

    @Override
    public Duration createBefore() {
        return config.createBefore();
    }

    @Override
    public Duration openBefore() {
        return config.openBefore();
    }

    @Override
    public boolean managesAccess() {
        return true;
    }

    @Override
    public boolean deletesAfterEnd() {
        return true;
    }

    @Override
    public Duration deleteAfter() {
        return config.deleteAfter();
    }

    static String channelName(RoomSession session) {
        return "coaching-session-" + session.sessionId();
    }

    /**
     * Reuses the session's channel if one is already in the guild (a pass that made it and died
     * before recording it), else makes it.
     */
    @Override
    public Mono<CreatedRoom> create(RoomSession session) {
        String name = channelName(session);
        return api.get().uri("/guilds/{guild}/channels", config.guildId())
                .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Discord channel list"))
                .flatMapIterable(channels -> channels)
                .filter(c -> name.equals(c.path("name").asString("")) && c.path("type").asInt(-1) == GUILD_VOICE)
                .next()
                .switchIfEmpty(Mono.defer(() -> makeChannel(session)))
                .map(this::room);
    }

    private Mono<JsonNode> makeChannel(RoomSession session) {
        List<Map<String, Object>> overwrites = new ArrayList<>();
        // The guild's id is its @everyone role's id: nobody else sees the channel until access is granted.
        overwrites.add(overwrite(config.guildId(), ROLE_OVERWRITE, 0, VIEW_CHANNEL | CONNECT));
        if (StringUtils.hasText(config.botUserId())) {
            // The bot keeps seeing and managing the channel it hid from everyone.
            overwrites.add(overwrite(config.botUserId(), MEMBER_OVERWRITE,
                    VIEW_CHANNEL | CONNECT | MANAGE_CHANNELS | MANAGE_ROLES, 0));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", channelName(session));
        body.put("type", GUILD_VOICE);
        if (StringUtils.hasText(config.categoryId())) {
            body.put("parent_id", config.categoryId());
        }
        body.put("permission_overwrites", overwrites);
        return api.post().uri("/guilds/{guild}/channels", config.guildId())
                .header("X-Audit-Log-Reason", "Coachwork teaching session " + session.sessionId())
                .bodyValue(body)
                .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Discord channel creation"));
    }

    private CreatedRoom room(JsonNode channel) {
        String id = channel.path("id").asString("");
        if (id.isEmpty()) {
            throw new IllegalStateException("Discord answered a channel without an id");
        }
        String url = config.channelUrlBase() + "/" + config.guildId() + "/" + id;
        return new CreatedRoom(id, url, url);
    }

    /** A voice channel has no schedule: a moved session keeps its channel, opened and deleted by the new times. */
    @Override
    public Mono<Void> update(String externalId, RoomSession session) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> syncAccess(String channelId, List<String> grant, List<String> revoke) {
        Flux<Void> grants = Flux.fromIterable(grant).concatMap(user -> api.put()
                .uri("/channels/{channel}/permissions/{user}", channelId, user)
                .bodyValue(overwriteBody(MEMBER_OVERWRITE, PARTICIPANT, 0))
                .exchangeToMono(r -> ProviderCalls.done(r, "Discord channel access", false)));
        Flux<Void> revokes = Flux.fromIterable(revoke).concatMap(user -> api.delete()
                .uri("/channels/{channel}/permissions/{user}", channelId, user)
                .exchangeToMono(r -> ProviderCalls.done(r, "Discord channel access removal", true)));
        return grants.thenMany(revokes).then();
    }

    @Override
    public Mono<Void> delete(String channelId) {
        return api.delete().uri("/channels/{channel}", channelId)
                .exchangeToMono(r -> ProviderCalls.done(r, "Discord channel deletion", true));
    }

    /** Adds a user to the guild with their OAuth2 token ({@code guilds.join}); already a member is fine. */
    public Mono<Void> addGuildMember(String discordUserId, String userAccessToken) {
        return api.put().uri("/guilds/{guild}/members/{user}", config.guildId(), discordUserId)
                .bodyValue(Map.of("access_token", userAccessToken))
                .exchangeToMono(r -> ProviderCalls.done(r, "Discord guild join", false));
    }

    private static Map<String, Object> overwrite(String id, int type, long allow, long deny) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.putAll(overwriteBody(type, allow, deny));
        return o;
    }

    /** Discord sends and takes permission sets as strings (they outgrow 53-bit numbers). */
    private static Map<String, Object> overwriteBody(int type, long allow, long deny) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", type);
        o.put("allow", Long.toString(allow));
        o.put("deny", Long.toString(deny));
        return o;
    }
}
