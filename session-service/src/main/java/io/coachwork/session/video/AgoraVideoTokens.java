package io.coachwork.session.video;

import io.agora.media.AccessToken2;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Agora RTC tokens in the AccessToken2 scheme ("007…"), built with Agora's own token library:
 * one RTC service for the channel and uid, the join privilege for everyone and the publish
 * privileges (audio, video, data) for publishers only, all valid for the token's lifetime, issued
 * at the injected clock's time with a random salt.
 */
@Component
public class AgoraVideoTokens implements VideoTokens {

    public static final String PROVIDER = "agora";
    /** Agora keeps AccessToken2 lifetimes to 24 hours. */
    public static final Duration MAX_TTL = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgoraProperties properties;
    private final Clock clock;
    private final IntSupplier salt;

    @Autowired
    public AgoraVideoTokens(AgoraProperties properties, Clock clock) {
        // Agora's builders draw the salt from 1..99999999.
        this(properties, clock, () -> 1 + RANDOM.nextInt(99_999_999));
    }

    AgoraVideoTokens(AgoraProperties properties, Clock clock, IntSupplier salt) {
        this.properties = properties;
        this.clock = clock;
        this.salt = salt;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public VideoToken issue(String channelName, long uid, Role role, Duration ttl) {
        if (!configured()) {
            throw new IllegalStateException("Agora video is not configured");
        }
        if (channelName == null || channelName.isEmpty() || channelName.length() > 64) {
            throw new IllegalArgumentException("an Agora channel name has 1 to 64 characters");
        }
        // 0 would mean "any uid", which a per-user token must never be. Coachwork user ids are 64-bit while
        // Agora's numeric uids are unsigned 32-bit: a larger id is the user's Agora *user account* (its decimal
        // string), which the client joins with joinChannelWithUserAccount; AccessToken2 signs both the same way.
        if (uid <= 0) {
            throw new IllegalArgumentException("an Agora uid is positive");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("an Agora token lives more than 0 seconds and at most 24 hours");
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int seconds = (int) ttl.toSeconds();
        AccessToken2 token = new AccessToken2(properties.appId(), properties.appCertificate(), seconds);
        token.issueTs = (int) issuedAt.getEpochSecond();
        token.salt = salt.getAsInt();
        AccessToken2.ServiceRtc rtc = new AccessToken2.ServiceRtc(channelName, Long.toString(uid));
        rtc.addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL, seconds);
        if (role == Role.PUBLISHER) {
            rtc.addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_PUBLISH_AUDIO_STREAM, seconds);
            rtc.addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_PUBLISH_VIDEO_STREAM, seconds);
            rtc.addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_PUBLISH_DATA_STREAM, seconds);
        }
        token.addService(rtc);
        String built;
        try {
            built = token.build();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign an Agora token", e);
        }
        if (built.isEmpty()) {
            // The library answers "" instead of throwing when the app id or certificate is unusable.
            throw new IllegalStateException("Agora refused the configured app id or certificate");
        }
        return new VideoToken(PROVIDER, properties.appId(), channelName, uid, role.name().toLowerCase(java.util.Locale.ROOT), built,
                issuedAt.plusSeconds(seconds));
    }
}
