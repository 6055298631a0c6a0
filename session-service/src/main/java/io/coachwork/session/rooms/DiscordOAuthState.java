package io.coachwork.session.rooms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth2 {@code state} of a Discord link request: {@code <user>.<expiry epoch s>.<nonce>.<sig>}
 * with an HMAC-SHA256 signature, so the callback knows which user asked without a session, and
 * nobody can forge a state that links their Discord account to someone else.
 */
public final class DiscordOAuthState {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public record State(long userId, Instant expiresAt, String nonce) {
    }

    private DiscordOAuthState() {
    }

    public static String sign(long userId, Instant expiresAt, String key) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = userId + "." + expiresAt.getEpochSecond() + "." + URL.encodeToString(nonce);
        return payload + "." + URL.encodeToString(mac(payload, key));
    }

    /** The state's request, if it is well formed, signed with {@code key} and not expired at {@code now}. */
    public static Optional<State> verify(String state, String key, Instant now) {
        if (state == null || state.length() > 200) {
            return Optional.empty();
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 4 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,12}")
                || !parts[2].matches("[A-Za-z0-9_-]{22}")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(presented, mac(payload, key))) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new State(Long.parseLong(parts[0]), expiresAt, parts[2]));
    }

    private static byte[] mac(String payload, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("coachwork-discord-link:" + key).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
