package io.coachwork.session.rooms;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Meeting rooms prepared ahead of teaching sessions (seeds 003, 004). {@code provider} picks where
 * new rooms are made ({@code discord}, {@code zoom}, or empty for none); every configured provider
 * still finishes the rooms it has. A provider without its credentials is skipped and says so in
 * health details. Base URLs are configurable so tests and the
 * local stack point them at stand-ins.
 */
@ConfigurationProperties("coachwork.rooms")
public record RoomsProperties(String provider, Duration lease, Integer batchSize, Duration httpTimeout,
                              Discord discord, Zoom zoom) {

    public RoomsProperties {
        provider = StringUtils.hasText(provider) ? provider.trim().toUpperCase(Locale.ROOT) : "";
        if (!provider.isEmpty() && !provider.equals("DISCORD") && !provider.equals("ZOOM")) {
            throw new IllegalArgumentException("coachwork.rooms.provider must be discord, zoom or empty");
        }
        lease = lease != null ? lease : Duration.ofMinutes(5);
        batchSize = batchSize != null ? batchSize : 20;
        httpTimeout = httpTimeout != null ? httpTimeout : Duration.ofSeconds(20);
        discord = discord != null ? discord : new Discord(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        zoom = zoom != null ? zoom : new Zoom(null, null, null, null, null, null, null);
        if (httpTimeout.multipliedBy(4).compareTo(lease) > 0) {
            // A room's steps run a few calls under one lease; it must outlive them.
            throw new IllegalArgumentException("coachwork.rooms.lease must be at least 4 times coachwork.rooms.http-timeout");
        }
    }

    /** The provider new rooms are made with, if any. */
    public MeetingRoomProvider.Kind activeProvider() {
        return provider.isEmpty() ? null : MeetingRoomProvider.Kind.valueOf(provider);
    }

    /**
     * Discord (seed 003): the bot makes a private voice channel in the guild {@code createBefore}
     * the start, opens it to the tutor and the booked students {@code openBefore}, and deletes it
     * {@code deleteAfter} the end. The OAuth2 client links students' accounts ({@code identify},
     * {@code guilds.join}).
     */
    public record Discord(String apiBaseUrl, String channelUrlBase, String botToken, String botUserId, String guildId,
                          String categoryId, Duration createBefore, Duration openBefore, Duration deleteAfter,
                          String clientId, String clientSecret, String redirectUri, String authorizeUrl,
                          String tokenUrl, String stateSecret, Duration stateTtl) {

        public Discord {
            apiBaseUrl = base(apiBaseUrl, "https://discord.com/api/v10");
            channelUrlBase = base(channelUrlBase, "https://discord.com/channels");
            authorizeUrl = StringUtils.hasText(authorizeUrl) ? authorizeUrl.trim() : "https://discord.com/oauth2/authorize";
            tokenUrl = StringUtils.hasText(tokenUrl) ? tokenUrl.trim() : "https://discord.com/api/oauth2/token";
            createBefore = createBefore != null ? createBefore : Duration.ofMinutes(15);
            openBefore = openBefore != null ? openBefore : Duration.ofMinutes(5);
            deleteAfter = deleteAfter != null ? deleteAfter : Duration.ofMinutes(10);
            stateTtl = stateTtl != null ? stateTtl : Duration.ofMinutes(10);
        }

        /** The bot can make rooms. */
        public boolean configured() {
            return StringUtils.hasText(botToken) && StringUtils.hasText(guildId);
        }

        /** Students can link their accounts. */
        public boolean linkingConfigured() {
            return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret) && StringUtils.hasText(redirectUri);
        }

        /** The key that signs OAuth2 states: its own secret, else the client secret. */
        public String stateKey() {
            return StringUtils.hasText(stateSecret) ? stateSecret : clientSecret;
        }
    }

    /**
     * Zoom (seed 004): a server-to-server OAuth app ({@code account_credentials} grant) creates
     * each session's meeting {@code createBefore} the start under {@code hostUser}, updates it when
     * the session moves and deletes it when the session is cancelled.
     */
    public record Zoom(String apiBaseUrl, String tokenUrl, String accountId, String clientId, String clientSecret,
                       String hostUser, Duration createBefore) {

        public Zoom {
            apiBaseUrl = base(apiBaseUrl, "https://api.zoom.us/v2");
            tokenUrl = StringUtils.hasText(tokenUrl) ? tokenUrl.trim() : "https://zoom.us/oauth/token";
            hostUser = StringUtils.hasText(hostUser) ? hostUser.trim() : "me";
            createBefore = createBefore != null ? createBefore : Duration.ofHours(24);
        }

        public boolean configured() {
            return StringUtils.hasText(accountId) && StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
        }
    }

    private static String base(String value, String fallback) {
        return (StringUtils.hasText(value) ? value.trim() : fallback).replaceAll("/+$", "");
    }
}
