package io.coachwork.session.stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coachwork.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Stream video user tokens, signed here as Stream's server SDKs do: HS256 with the API secret,
 * claims {@code user_id} (a string), {@code iat} and {@code exp} an hour later.
 */
@Component
public class StreamTokens {

    public static final Duration VALIDITY = Duration.ofHours(1);
    public static final String NOT_CONFIGURED = "Stream.io is not configured";

    private final StreamProperties properties;
    private final Clock clock;

    public StreamTokens(StreamProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A call id as seed 000 shows it: {@code coaching_<session id>_<uuid>}. */
    public static String newCallId(long sessionId) {
        return "coaching_" + sessionId + "_" + UUID.randomUUID();
    }

    /** The token for a user joining a call; 503 when Stream has no key and secret here. */
    public JoinToken issue(String streamCallId, long userId, String role) {
        if (!properties.configured()) {
            throw ApiException.unavailable(NOT_CONFIGURED);
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("user_id", Long.toString(userId))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(VALIDITY)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(properties.apiSecret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a Stream token", e);
        }
        return new JoinToken(properties.apiKey(), jwt.serialize(), streamCallId, Long.toString(userId), role);
    }
}
