package io.coachwork.scheduling.calendly.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachwork.scheduling.calendly.domain.CalendlySignature.Failure;
import io.coachwork.scheduling.calendly.domain.CalendlySignature.Refused;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalendlySignatureTest {

    private static final String KEY = "stand-in-signing-key";
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");
    private static final byte[] BODY = "{\"event\":\"invitee.created\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

    private final CalendlySignature signature = new CalendlySignature(KEY, Duration.ofMinutes(3));

    /** Calendly's scheme computed independently: hex HMAC-SHA256(key, "t.body"). */
    private static String header(String key, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Failure failure(Runnable check) {
        try {
            check.run();
        } catch (Refused e) {
            return e.failure();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aDeliverySignedWithTheKeyInsideTheToleranceIsAccepted() throws Exception {
        long t = NOW.getEpochSecond();
        assertThatCode(() -> signature.verify(header(KEY, t, BODY), BODY, NOW)).doesNotThrowAnyException();
        assertThat(signature.header(t, BODY)).isEqualTo(header(KEY, t, BODY));
        // Calendly's header may carry spaces after the comma, and upper-case hex is the same digest.
        String spaced = header(KEY, t, BODY).replace(",", ", ").toUpperCase().replace("T=", "t=").replace("V1=", "v1=");
        assertThatCode(() -> signature.verify(spaced, BODY, NOW.plusSeconds(179))).doesNotThrowAnyException();
    }

    @Test
    void aTamperedBodyOrAnotherKeyIsAMismatch() throws Exception {
        long t = NOW.getEpochSecond();
        String good = header(KEY, t, BODY);
        byte[] tampered = "{\"event\":\"invitee.created\",\"payload\":{ }}".getBytes(StandardCharsets.UTF_8);
        assertThat(failure(() -> signature.verify(good, tampered, NOW))).isEqualTo(Failure.MISMATCH);
        String other = header("another-key", t, BODY);
        assertThat(failure(() -> signature.verify(other, BODY, NOW))).isEqualTo(Failure.MISMATCH);
        // The timestamp is signed too: moving it breaks the signature.
        String moved = good.replace("t=" + t, "t=" + (t + 1));
        assertThat(failure(() -> signature.verify(moved, BODY, NOW))).isEqualTo(Failure.MISMATCH);
    }

    @Test
    void aSignatureOutsideThreeMinutesEitherWayIsExpired() throws Exception {
        long old = NOW.minusSeconds(181).getEpochSecond();
        long ahead = NOW.plusSeconds(181).getEpochSecond();
        String oldHeader = header(KEY, old, BODY);
        String aheadHeader = header(KEY, ahead, BODY);
        assertThat(failure(() -> signature.verify(oldHeader, BODY, NOW))).isEqualTo(Failure.EXPIRED);
        assertThat(failure(() -> signature.verify(aheadHeader, BODY, NOW))).isEqualTo(Failure.EXPIRED);
        assertThatCode(() -> signature.verify(oldHeader, BODY, NOW.minusSeconds(1))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "t=,v1=", "t=1700000000", "v1=" + "ab", "t=abc,v1=00",
            "t=1700000000,v1=xyz", "t=1700000000,v1=0123", "=1,v1=2", "t=99999999999999,v1=00"})
    void aMalformedHeaderIsRefusedAsMalformed(String header) {
        assertThat(failure(() -> signature.verify(header, BODY, NOW))).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertThat(failure(() -> signature.verify(null, BODY, NOW))).isEqualTo(Failure.MISSING);
        assertThat(failure(() -> signature.verify(" ", BODY, NOW))).isEqualTo(Failure.MISSING);
        assertThatThrownBy(() -> new CalendlySignature("", Duration.ofMinutes(3))).isInstanceOf(IllegalArgumentException.class);
    }
}
