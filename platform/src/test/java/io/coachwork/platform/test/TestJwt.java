package io.coachwork.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** HS256 tokens shaped like production ones: numeric {@code sub}, {@code roles}, {@code name}, {@code email}. */
public final class TestJwt {

    public static final String SECRET = "coachwork-test-secret-0123456789-abcdefghij";

    private TestJwt() {
    }

    public static String token(long userId, String... roles) {
        return token(SECRET, userId, "User " + userId, "user" + userId + "@example.com", Arrays.asList(roles), null,
                Duration.ofHours(1));
    }

    public static String tutor(long userId) {
        return token(userId, "tutor");
    }

    public static String student(long userId) {
        return token(userId, "student");
    }

    public static String token(String secret, long userId, String name, String email, List<String> roles,
                               String tutorType, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("roles", roles)
                .claim("name", name)
                .claim("email", email);
        if (tutorType != null) {
            claims.claim("tutor_type", tutorType);
        }
        return sign(secret, claims.build());
    }

    /** Any claims, signed; for tokens production would refuse (no {@code exp}, too long-lived, odd claims). */
    public static String sign(String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
