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
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stream video call tokens, signed here as Stream's server SDKs do ({@code generateCallToken}):
 * HS256 with the API secret, claims {@code user_id} (a string), {@code call_cids} naming the one
 * call the token opens ({@code default:<call id>}), {@code role} the caller's role in that call
 * ({@code host} for the tutor, {@code user} for a student), {@code iat} and {@code exp} an hour
 * later. A token leaked or kept from one session opens no other call and grants no more than its
 * role.
 */
@Component
public class StreamTokens {

    public static final Duration VALIDITY = Duration.ofHours(1);
    /** Stream's call type of coaching sessions: a call's cid is {@code <type>:<id>}. */
    public static final String CALL_TYPE = "default";
    public static final String NOT_CONFIGURED = "Stream.io is not configured";

    private final StreamProperties properties;
    private final Clock clock;

    public StreamTokens(StreamProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A call's id as Stream's token claims name it. */
    public static String callCid(String streamCallId) {
        return CALL_TYPE + ":" + streamCallId;
    }

    /** The token for a user joining one call in one role; 503 when Stream has no key and secret here. */
    public JoinToken issue(String streamCallId, long userId, String role) {
        if (!properties.configured()) {
            throw ApiException.unavailable(NOT_CONFIGURED);
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("user_id", Long.toString(userId))
                .claim("call_cids", List.of(callCid(streamCallId)))
                .claim("role", role)
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
