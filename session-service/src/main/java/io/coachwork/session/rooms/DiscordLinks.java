package io.coachwork.session.rooms;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.DiscordLinkChanged;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Linking a user's Discord account (seed 003), OAuth2 authorization code with {@code identify} and
 * {@code guilds.join}: the authorize URL carries a signed, single-use state naming the user; the
 * callback trades the code for the user's token, reads {@code /users/@me} and, where the bot is
 * configured, adds them to the guild, so the session channels can be opened to them. Each link and
 * unlink is announced on {@code coachwork.session.accounts} in the same transaction, so
 * scheduling-service can require a link before booking.
 */
@Service
public class DiscordLinks {

    public static final String SCOPES = "identify guilds.join";
    static final String NOT_CONFIGURED = "Discord account linking is not configured";
    static final String BAD_STATE = "This Discord link request is invalid or has expired; start linking again";

    private final RoomsProperties.Discord config;
    private final DiscordLinkRepository links;
    private final DiscordRooms discord;
    private final WebClient api;
    private final WebClient oauth;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public DiscordLinks(RoomsProperties properties, DiscordLinkRepository links, DiscordRooms discord,
                        OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        this.config = properties.discord();
        this.links = links;
        this.discord = discord;
        this.outbox = outbox;
        this.tx = tx;
        this.api = ProviderCalls.client(config.apiBaseUrl(), properties.httpTimeout());
        this.oauth = ProviderCalls.client(config.tokenUrl(), properties.httpTimeout());
        this.clock = clock;
    }

    public record DiscordAuthorization(String authorizeUrl, Instant expiresAt) {
    }

    public record DiscordLinkStatus(boolean linked, String discordUserId, String discordUsername, Instant linkedAt) {

        static DiscordLinkStatus of(DiscordLinkRepository.Link link) {
            return new DiscordLinkStatus(true, link.discordUserId(), link.discordUsername(), link.linkedAt());
        }

        static final DiscordLinkStatus NONE = new DiscordLinkStatus(false, null, null, null);
    }

    public DiscordAuthorization authorize(long userId) {
        requireConfigured();
        Instant expiresAt = clock.instant().plus(config.stateTtl()).truncatedTo(ChronoUnit.SECONDS);
        String state = DiscordOAuthState.sign(userId, expiresAt, config.stateKey());
        String url = UriComponentsBuilder.fromUriString(config.authorizeUrl())
                .queryParam("response_type", "code")
                .queryParam("client_id", config.clientId())
                .queryParam("scope", SCOPES)
                .queryParam("redirect_uri", config.redirectUri())
                .queryParam("state", state)
                .queryParam("prompt", "consent")
                .encode().build().toUriString();
        return new DiscordAuthorization(url, expiresAt);
    }

    /**
     * Completes a link. {@code callerId}, when the caller also sent their token, must be the user
     * the state names.
     */
    public Mono<DiscordLinkStatus> complete(String code, String state, String error, Long callerId) {
        return Mono.defer(() -> {
            requireConfigured();
            Instant now = clock.instant();
            DiscordOAuthState.State request = DiscordOAuthState.verify(state, config.stateKey(), now)
                    .orElseThrow(() -> ApiException.badRequest(BAD_STATE));
            if (callerId != null && callerId != request.userId()) {
                throw ApiException.forbidden("This Discord link request belongs to another user");
            }
            if (error != null) {
                throw ApiException.badRequest("Discord did not authorize the link (" + error + ")");
            }
            if (code == null || code.isBlank() || code.length() > 200) {
                throw ApiException.invalidField("code", "code is required");
            }
            return links.useState(request.nonce(), request.userId(), request.expiresAt(), now)
                    .flatMap(first -> first ? link(request.userId(), code.trim(), now)
                            : Mono.error(ApiException.badRequest(BAD_STATE)));
        });
    }

    private Mono<DiscordLinkStatus> link(long userId, String code, Instant now) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", config.redirectUri());
        String basic = Base64.getEncoder().encodeToString((config.clientId() + ":" + config.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return oauth.post()
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(r -> r.statusCode().is4xxClientError()
                        ? r.releaseBody().then(Mono.error(ApiException.badRequest(
                                "Discord refused the authorization code; start linking again")))
                        : ProviderCalls.body(r, JsonNode.class, "Discord token exchange"))
                .map(answer -> {
                    String token = answer.path("access_token").asString("");
                    if (token.isEmpty()) {
                        throw new IllegalStateException("Discord answered no access token");
                    }
                    return token;
                })
                .flatMap(token -> api.get().uri("/users/@me").headers(h -> h.setBearerAuth(token))
                        .exchangeToMono(r -> ProviderCalls.body(r, JsonNode.class, "Discord user read"))
                        .flatMap(me -> {
                            String id = me.path("id").asString("");
                            if (!id.matches("\\d{1,20}")) {
                                return Mono.error(new IllegalStateException("Discord answered a user without an id"));
                            }
                            String name = me.path("username").asString(id);
                            Mono<Void> join = discord.configured() ? discord.addGuildMember(id, token) : Mono.empty();
                            return join.then(tx.transactional(links.upsert(userId, id, name, now.truncatedTo(ChronoUnit.MILLIS))
                                                    .flatMap(link -> changed(userId, true).thenReturn(link)))
                                            .onErrorResume(DataIntegrityViolationException.class, e -> Mono.empty()))
                                    .switchIfEmpty(Mono.error(ApiException.conflict(
                                            "This Discord account is already linked to another user")));
                        }))
                .map(DiscordLinkStatus::of)
                .onErrorMap(ProviderCalls.ProviderException.class, e -> new ApiException(HttpStatus.BAD_GATEWAY,
                        "Discord could not complete the link; try again", List.of()));
    }

    public Mono<DiscordLinkStatus> status(long userId) {
        return links.find(userId).map(DiscordLinkStatus::of).defaultIfEmpty(DiscordLinkStatus.NONE);
    }

    /** Unlinks; announced only when there was a link, so a repeated DELETE publishes nothing. */
    public Mono<DiscordLinkStatus> unlink(long userId) {
        return tx.transactional(links.delete(userId).flatMap(deleted -> deleted ? changed(userId, false) : Mono.<Void>empty()))
                .thenReturn(DiscordLinkStatus.NONE);
    }

    /** Stamped when written (not when the callback began), so a later unlink is also the newer event. */
    private Mono<Void> changed(long userId, boolean linked) {
        return Mono.defer(() -> outbox.append(Topics.SESSION_ACCOUNTS, Long.toString(userId),
                linked ? EventTypes.DISCORD_LINKED : EventTypes.DISCORD_UNLINKED,
                new DiscordLinkChanged(userId, linked, clock.instant().truncatedTo(ChronoUnit.MILLIS))).then());
    }

    private void requireConfigured() {
        if (!config.linkingConfigured()) {
            throw ApiException.unavailable(NOT_CONFIGURED);
        }
    }
}
