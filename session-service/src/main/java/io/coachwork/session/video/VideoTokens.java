package io.coachwork.session.video;

import java.time.Duration;
import java.time.Instant;

/**
 * Video-call tokens for teaching sessions (seed 002: Agora). The implementation builds Agora
 * AccessToken2 tokens from the configured app id and certificate; when video is not configured,
 * {@link #configured()} is false and callers answer 503 in the API envelope.
 */
public interface VideoTokens {

    /** PUBLISHER may send audio and video; SUBSCRIBER only receives. */
    enum Role { PUBLISHER, SUBSCRIBER }

    /** What a client needs to join the call. */
    record VideoToken(String provider, String appId, String channelName, long uid, String role, String token,
                      Instant expiresAt) {
    }

    boolean configured();

    /** A token for {@code uid} in {@code channelName}, valid for {@code ttl}. */
    VideoToken issue(String channelName, long uid, Role role, Duration ttl);
}
