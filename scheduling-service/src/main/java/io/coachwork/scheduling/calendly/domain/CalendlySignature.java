package io.coachwork.scheduling.calendly.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calendly's webhook signature: header {@code Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(signing key, "<t>.<raw body>")>}. Checked on the raw bytes, in constant time, and only
 * within {@code tolerance} of now either way so a captured delivery cannot be replayed later.
 */
public final class CalendlySignature {

    public static final String HEADER = "Calendly-Webhook-Signature";

    private final byte[] key;
    private final Duration tolerance;

    public CalendlySignature(String signingKey, Duration tolerance) {
        if (signingKey == null || signingKey.isEmpty()) {
            throw new IllegalArgumentException("A signing key is required");
        }
        this.key = signingKey.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** Why a delivery was refused: the header unreadable, or the signature or its time wrong. */
    public enum Failure { MISSING, MALFORMED, MISMATCH, EXPIRED }

    public static final class Refused extends RuntimeException {

        private final Failure failure;

        Refused(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** Returns normally when {@code header} signs {@code body} within the tolerance of {@code now}. */
    public void verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw new Refused(Failure.MISSING, "Missing " + HEADER + " header");
        }
        Long timestamp = null;
        String v1 = null;
        for (String part : header.split(",", 8)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw malformed();
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("t") && value.matches("\\d{1,12}")) {
                timestamp = Long.parseLong(value);
            } else if (name.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
                v1 = value.toLowerCase();
            } else if (name.equals("t") || name.equals("v1")) {
                throw malformed();
            }
        }
        if (timestamp == null || v1 == null) {
            throw malformed();
        }
        byte[] expected = sign(timestamp, body == null ? new byte[0] : body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1))) {
            throw new Refused(Failure.MISMATCH, "Invalid Calendly signature");
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new Refused(Failure.EXPIRED, "Calendly signature timestamp is outside the tolerance");
        }
    }

    /** The header Calendly would send for {@code body} at {@code timestamp} (tests and the dev script's twin). */
    public String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(timestamp, body));
    }

    private byte[] sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Refused malformed() {
        return new Refused(Failure.MALFORMED, "Malformed " + HEADER + " header: expected t=<unix seconds>,v1=<hex HMAC-SHA256>");
    }
}
