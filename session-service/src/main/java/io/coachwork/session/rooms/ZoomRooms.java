package io.coachwork.session.rooms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Zoom rooms over Zoom's REST API (seed 004) with a server-to-server OAuth app: an account token
 * ({@code grant_type=account_credentials}, kept until shortly before it expires), a scheduled
 * meeting per session for its duration (students join by its join URL, the tutor starts it by its
 * start URL), patched when the session moves and deleted when it is cancelled. Zoom ends meetings
 * itself, so an ended session's meeting is left as it is.
 */
@Component
public class ZoomRooms implements MeetingRoomProvider {

    static final int SCHEDULED_MEETING = 2;
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private record AccessToken(String value, Instant expiresAt) {
    }

    private final RoomsProperties.Zoom config;
    private final WebClient api;
    private final WebClient oauth;
    private final Clock clock;
    private final AtomicReference<AccessToken> token = new AtomicReference<>();

    public ZoomRooms(RoomsProperties properties, Clock clock) {
        this.config = properties.zoom();
        this.api = ProviderCalls.client(config.apiBaseUrl(), properties.httpTimeout());
        this.oauth = ProviderCalls.client(config.tokenUrl(), properties.httpTimeout());
        this.clock = clock;
    }

    @Override
    public Kind kind() {
        return Kind.ZOOM;
    }

    @Override
    public boolean configured() {
        return config.configured();
    }

    @Override
    public String configurationHint() {
        return configured() ? "configured" : "not configured: set coachwork.rooms.zoom.account-id, "
                + "coachwork.rooms.zoom.client-id and coachwork.rooms.zoom.client-secret";
    }

    @Override
    public Duration createBefore() {
        return config.createBefore();
    }

    @Override
    public Duration openBefore() {
        return Duration.ZERO;
    }

    @Override
    public boolean managesAccess() {
        return false;
    }

    @Override
    public boolean deletesAfterEnd() {
        return false;
    }

    @Override
    public Duration deleteAfter() {
        return Duration.ZERO;
    }

    @Override
    public Mono<CreatedRoom> create(RoomSession session) {
        Map<String, Object> body = schedule(session);
        body.put("type", SCHEDULED_MEETING);
        body.put("agenda", "Coachwork teaching session " + session.sessionId());
        body.put("settings", Map.of("join_before_host", false, "waiting_room", true));
        return authorized().flatMap(bearer -> api.post().uri("/users/{user}/meetings", config.hostUser())
                        .headers(h -> h.setBearerAuth(bearer))
                        .bodyValue(body)
                        .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Zoom meeting creation")))
                .doOnError(this::forgetRevokedToken)
                .map(meeting -> {
                    String id = meeting.path("id").asString("");
                    if (id.isEmpty() || meeting.path("join_url").asString("").isEmpty()) {
                        throw new IllegalStateException("Zoom answered a meeting without an id or join URL");
                    }
                    return new CreatedRoom(id, meeting.path("join_url").asString(),
                            meeting.path("start_url").asString(null));
                });
    }

    @Override
    public Mono<Void> update(String meetingId, RoomSession session) {
        return authorized().flatMap(bearer -> api.patch().uri("/meetings/{id}", meetingId)
                        .headers(h -> h.setBearerAuth(bearer))
                        .bodyValue(schedule(session))
                        .exchangeToMono(r -> ProviderCalls.done(r, "Zoom meeting update", false)))
                .doOnError(this::forgetRevokedToken);
    }

    /** Zoom's links are the access: nothing to grant. */
    @Override
    public Mono<Void> syncAccess(String externalId, List<String> grant, List<String> revoke) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> delete(String meetingId) {
        return authorized().flatMap(bearer -> api.delete().uri("/meetings/{id}", meetingId)
                        .headers(h -> h.setBearerAuth(bearer))
                        .exchangeToMono(r -> ProviderCalls.done(r, "Zoom meeting deletion", true)))
                .doOnError(this::forgetRevokedToken);
    }

    /** The start URL carries a host token Zoom expires after a while: read it fresh, else the stored one. */
    @Override
    public Mono<String> hostUrl(String meetingId, String storedStartUrl) {
        return authorized().flatMap(bearer -> api.get().uri("/meetings/{id}", meetingId)
                        .headers(h -> h.setBearerAuth(bearer))
                        .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Zoom meeting read")))
                .map(meeting -> meeting.path("start_url").asString(""))
                .filter(url -> !url.isEmpty())
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.justOrEmpty(storedStartUrl));
    }

    private Map<String, Object> schedule(RoomSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", session.title());
        body.put("start_time", DateTimeFormatter.ISO_INSTANT.format(session.startsAt().truncatedTo(ChronoUnit.SECONDS)));
        body.put("duration", session.durationMinutes());
        body.put("timezone", "UTC");
        return body;
    }

    /** The account token, fetched again shortly before it expires. */
    private Mono<String> authorized() {
        return Mono.defer(() -> {
            AccessToken current = token.get();
            if (current != null && clock.instant().isBefore(current.expiresAt().minus(TOKEN_MARGIN))) {
                return Mono.just(current.value());
            }
            String basic = Base64.getEncoder().encodeToString((config.clientId() + ":" + config.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
            return oauth.post()
                    .uri(b -> b.queryParam("grant_type", "account_credentials")
                            .queryParam("account_id", config.accountId()).build())
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Zoom OAuth token"))
                    .map(answer -> {
                        String value = answer.path("access_token").asString("");
                        if (value.isEmpty()) {
                            throw new IllegalStateException("Zoom answered no access token");
                        }
                        long seconds = answer.path("expires_in").asLong(3600);
                        token.set(new AccessToken(value, clock.instant().plusSeconds(seconds)));
                        return value;
                    });
        });
    }

    private void forgetRevokedToken(Throwable e) {
        if (e instanceof ProviderCalls.ProviderException p && p.status() == 401) {
            token.set(null);
        }
    }
}
