package io.coachwork.session.rooms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Local stand-ins for the Discord and Zoom endpoints the rooms use, on one loopback server:
 * {@code /discord/api/...} (bot API v10 and {@code /users/@me}), {@code /discord/oauth/token},
 * {@code /zoom/v2/...} and {@code /zoom/oauth/token}. Each checks the credentials a real one
 * would (bot token, Basic client credentials, bearer tokens it issued), keeps the channels and
 * meetings it holds, and records every request for the tests to check.
 */
final class ProviderStandIns implements AutoCloseable {

    static final String BOT_TOKEN = "test-bot-token";
    static final String GUILD = "900000000000000001";
    static final String DISCORD_CLIENT_ID = "discord-client";
    static final String DISCORD_CLIENT_SECRET = "discord-secret";
    static final String ZOOM_ACCOUNT = "zoom-account";
    static final String ZOOM_CLIENT_ID = "zoom-client";
    static final String ZOOM_CLIENT_SECRET = "zoom-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as the stand-in received it. */
    record Call(String method, String path, String query, String authorization, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Map<String, String> form() {
            return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                    p -> decode(p[0]), p -> p.length > 1 ? decode(p[1]) : "", (a, b) -> b, LinkedHashMap::new));
        }
    }

    record DiscordUser(String id, String username) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> overwrites = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> meetings = new ConcurrentHashMap<>();
    private final Map<String, DiscordUser> codes = new ConcurrentHashMap<>();
    private final Map<String, DiscordUser> userTokens = new ConcurrentHashMap<>();
    private final Set<String> guildMembers = ConcurrentHashMap.newKeySet();
    private final Set<String> zoomTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(1_100_000_000_000_000_000L);
    private final AtomicInteger failCreations = new AtomicInteger();
    private volatile Duration createDelay = Duration.ZERO;
    private final DisposableServer server;

    ProviderStandIns() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r
                        .post("/discord/api/guilds/{guild}/channels", (req, res) -> handle(req, res, this::createChannel))
                        .get("/discord/api/guilds/{guild}/channels", (req, res) -> handle(req, res, this::listChannels))
                        .put("/discord/api/channels/{channel}/permissions/{user}", (req, res) -> handle(req, res, this::grant))
                        .delete("/discord/api/channels/{channel}/permissions/{user}", (req, res) -> handle(req, res, this::revoke))
                        .delete("/discord/api/channels/{channel}", (req, res) -> handle(req, res, this::deleteChannel))
                        .put("/discord/api/guilds/{guild}/members/{user}", (req, res) -> handle(req, res, this::addMember))
                        .get("/discord/api/users/@me", (req, res) -> handle(req, res, this::me))
                        .post("/discord/oauth/token", (req, res) -> handle(req, res, this::discordToken))
                        .post("/zoom/oauth/token", (req, res) -> handle(req, res, this::zoomToken))
                        .post("/zoom/v2/users/{user}/meetings", (req, res) -> handle(req, res, this::createMeeting))
                        .route(req -> req.method().equals(HttpMethod.PATCH) && req.uri().startsWith("/zoom/v2/meetings/"),
                                (req, res) -> handle(req, res, this::updateMeeting))
                        .delete("/zoom/v2/meetings/{id}", (req, res) -> handle(req, res, this::deleteMeeting))
                        .get("/zoom/v2/meetings/{id}", (req, res) -> handle(req, res, this::readMeeting))
                        .route(req -> true, (req, res) -> res.status(404).sendString(Mono.just("{\"message\":\"no route\"}"))))
                .bindNow();
    }

    String url(String prefix) {
        return "http://127.0.0.1:" + server.port() + prefix;
    }

    List<Call> calls(Predicate<Call> match) {
        return calls.stream().filter(match).toList();
    }

    List<Call> calls(String method, String pathPrefix) {
        return calls(c -> c.method().equals(method) && c.path().startsWith(pathPrefix));
    }

    /** Discord: the calls made about one channel (its creation is found by the session in the name). */
    List<Call> channelCreations(Object sessionId) {
        return calls(c -> c.method().equals("POST") && c.path().endsWith("/channels")
                && c.body().contains("coaching-session-" + sessionId));
    }

    /** Zoom: the meeting creations for a session (its id is in the agenda). */
    List<Call> meetingCreations(Object sessionId) {
        return calls(c -> c.method().equals("POST") && c.path().endsWith("/meetings")
                && c.body().contains("Coachwork teaching session " + sessionId));
    }

    /** A channel already in the guild, as a pass that made it and died before recording it leaves it. */
    String existingChannel(String name) {
        String id = Long.toString(ids.incrementAndGet());
        channels.put(id, name);
        return id;
    }

    boolean channelExists(String id) {
        return channels.containsKey(id);
    }

    Map<String, String> overwritesOf(String channelId) {
        return overwrites.getOrDefault(channelId, Map.of());
    }

    JsonNode meeting(String id) {
        return meetings.get(id);
    }

    void discordAuthorizes(String code, String discordUserId, String username) {
        codes.put(code, new DiscordUser(discordUserId, username));
    }

    boolean guildMember(String discordUserId) {
        return guildMembers.contains(discordUserId);
    }

    void failNextCreations(int n) {
        failCreations.set(n);
    }

    void delayCreations(Duration delay) {
        createDelay = delay;
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private record Answer(int status, Object body) {

        static Answer of(int status, Object body) {
            return new Answer(status, body);
        }
    }

    private interface Handler {
        Answer apply(HttpServerRequest req, Call call);
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res, Handler handler) {
        return req.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            String uri = req.uri();
            int q = uri.indexOf('?');
            Call call = new Call(req.method().name(), q < 0 ? uri : uri.substring(0, q), q < 0 ? "" : uri.substring(q + 1),
                    req.requestHeaders().get("Authorization"), req.requestHeaders().get("Content-Type"), body);
            calls.add(call);
            Answer answer = handler.apply(req, call);
            Mono<Void> delay = call.path().endsWith("/channels") || call.path().endsWith("/meetings")
                    ? Mono.delay(createDelay).then() : Mono.empty();
            res.status(answer.status());
            if (answer.body() == null) {
                return delay.then(Mono.from(res.send()));
            }
            res.header("Content-Type", "application/json");
            return delay.then(Mono.from(res.sendString(Mono.just(JSON.writeValueAsString(answer.body())))));
        });
    }

    private static Answer error(int status, String message) {
        return Answer.of(status, Map.of("message", message));
    }

    private static boolean bot(Call call) {
        return ("Bot " + BOT_TOKEN).equals(call.authorization());
    }

    private boolean failing() {
        return failCreations.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private Answer createChannel(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        if (!GUILD.equals(req.param("guild"))) {
            return error(404, "Unknown Guild");
        }
        if (failing()) {
            return error(500, "Internal Server Error");
        }
        String id = Long.toString(ids.incrementAndGet());
        channels.put(id, call.json().path("name").asString());
        return Answer.of(201, Map.of("id", id, "type", 2, "guild_id", GUILD, "name", call.json().path("name").asString()));
    }

    private Answer listChannels(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        return Answer.of(200, channels.entrySet().stream()
                .map(c -> Map.of("id", c.getKey(), "type", 2, "guild_id", GUILD, "name", c.getValue())).toList());
    }

    private Answer grant(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        String channel = req.param("channel");
        if (!channels.containsKey(channel)) {
            return error(404, "Unknown Channel");
        }
        overwrites.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(req.param("user"), call.json().path("allow").asString());
        return Answer.of(204, null);
    }

    private Answer revoke(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        Map<String, String> of = overwrites.get(req.param("channel"));
        return of != null && of.remove(req.param("user")) != null ? Answer.of(204, null) : error(404, "Unknown Overwrite");
    }

    private Answer deleteChannel(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        String name = channels.remove(req.param("channel"));
        return name == null ? error(404, "Unknown Channel") : Answer.of(200, Map.of("id", req.param("channel"), "name", name));
    }

    private Answer addMember(HttpServerRequest req, Call call) {
        if (!bot(call)) {
            return error(401, "401: Unauthorized");
        }
        DiscordUser user = userTokens.get(call.json().path("access_token").asString());
        if (user == null || !user.id().equals(req.param("user"))) {
            return error(403, "Missing Access");
        }
        return guildMembers.add(user.id()) ? Answer.of(201, Map.of("user", Map.of("id", user.id()))) : Answer.of(204, null);
    }

    private Answer me(HttpServerRequest req, Call call) {
        String auth = call.authorization();
        DiscordUser user = auth != null && auth.startsWith("Bearer ") ? userTokens.get(auth.substring(7)) : null;
        return user == null ? error(401, "401: Unauthorized")
                : Answer.of(200, Map.of("id", user.id(), "username", user.username(), "discriminator", "0"));
    }

    private Answer discordToken(HttpServerRequest req, Call call) {
        if (!basic(DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET).equals(call.authorization())) {
            return Answer.of(401, Map.of("error", "invalid_client"));
        }
        Map<String, String> form = call.form();
        DiscordUser user = codes.remove(form.getOrDefault("code", ""));
        if (!"authorization_code".equals(form.get("grant_type")) || user == null) {
            return Answer.of(400, Map.of("error", "invalid_grant"));
        }
        String token = "discord-user-token-" + ids.incrementAndGet();
        userTokens.put(token, user);
        return Answer.of(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 604800,
                "refresh_token", "r-" + token, "scope", "identify guilds.join"));
    }

    private Answer zoomToken(HttpServerRequest req, Call call) {
        if (!basic(ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET).equals(call.authorization())) {
            return Answer.of(401, Map.of("reason", "Invalid client_id or client_secret", "error", "invalid_client"));
        }
        if (!("grant_type=account_credentials&account_id=" + ZOOM_ACCOUNT).equals(call.query())) {
            return Answer.of(400, Map.of("reason", "Unsupported grant type", "error", "unsupported_grant_type"));
        }
        String token = "zoom-token-" + ids.incrementAndGet();
        zoomTokens.add(token);
        return Answer.of(200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 3599,
                "scope", "meeting:write:meeting:admin"));
    }

    private boolean zoomBearer(Call call) {
        String auth = call.authorization();
        return auth != null && auth.startsWith("Bearer ") && zoomTokens.contains(auth.substring(7));
    }

    private Answer createMeeting(HttpServerRequest req, Call call) {
        if (!zoomBearer(call)) {
            return Answer.of(401, Map.of("code", 124, "message", "Invalid access token."));
        }
        if (failing()) {
            return Answer.of(500, Map.of("code", 500, "message", "Internal error"));
        }
        long id = ids.incrementAndGet() % 100_000_000_000L;
        JsonNode body = call.json();
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("id", id);
        meeting.put("topic", body.path("topic").asString());
        meeting.put("type", body.path("type").asInt());
        meeting.put("start_time", body.path("start_time").asString());
        meeting.put("duration", body.path("duration").asInt());
        meeting.put("timezone", body.path("timezone").asString());
        meeting.put("join_url", "https://zoom.example/j/" + id);
        meeting.put("start_url", "https://zoom.example/s/" + id + "?zak=first");
        meetings.put(Long.toString(id), JSON.valueToTree(meeting));
        return Answer.of(201, meeting);
    }

    private Answer updateMeeting(HttpServerRequest req, Call call) {
        if (!zoomBearer(call)) {
            return Answer.of(401, Map.of("code", 124, "message", "Invalid access token."));
        }
        String id = call.path().substring(call.path().lastIndexOf('/') + 1);
        JsonNode meeting = meetings.get(id);
        if (meeting == null) {
            return Answer.of(404, Map.of("code", 3001, "message", "Meeting does not exist"));
        }
        tools.jackson.databind.node.ObjectNode updated = ((tools.jackson.databind.node.ObjectNode) meeting).deepCopy();
        call.json().properties().forEach(e -> updated.set(e.getKey(), e.getValue()));
        meetings.put(id, updated);
        return Answer.of(204, null);
    }

    private Answer deleteMeeting(HttpServerRequest req, Call call) {
        if (!zoomBearer(call)) {
            return Answer.of(401, Map.of("code", 124, "message", "Invalid access token."));
        }
        return meetings.remove(req.param("id")) == null
                ? Answer.of(404, Map.of("code", 3001, "message", "Meeting does not exist")) : Answer.of(204, null);
    }

    private Answer readMeeting(HttpServerRequest req, Call call) {
        if (!zoomBearer(call)) {
            return Answer.of(401, Map.of("code", 124, "message", "Invalid access token."));
        }
        JsonNode meeting = meetings.get(req.param("id"));
        if (meeting == null) {
            return Answer.of(404, Map.of("code", 3001, "message", "Meeting does not exist"));
        }
        tools.jackson.databind.node.ObjectNode fresh = ((tools.jackson.databind.node.ObjectNode) meeting).deepCopy();
        fresh.put("start_url", "https://zoom.example/s/" + req.param("id") + "?zak=fresh");
        return Answer.of(200, fresh);
    }

    static String basic(String id, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
