package io.coachwork.session.video;

import io.coachwork.platform.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agora tokens checked two ways: byte for byte against the vectors Agora publishes with its token
 * builders (AgoraIO/Tools, AccessToken2Test: issue time 1111111, salt 1, 600 s), and verified by
 * an independent implementation of the AccessToken2 algorithm ({@link AgoraReference}).
 */
class AgoraVideoTokensTest {

    // Agora's published test app, certificate, channel and uid.
    private static final String APP_ID = "970CA35de60c44645bbae8a215061b33";
    private static final String CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";
    private static final String CHANNEL = "7d72365eb983485397e3e3f9d460bdda";
    private static final long UID = 2882341273L;
    /** AccessToken2Test.build_ServiceRtc: the RTC service with only the join privilege. */
    private static final String JOIN_ONLY_VECTOR = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1M"
            + "zExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_111_111));
    private final AgoraVideoTokens tokens = new AgoraVideoTokens(new AgoraProperties(APP_ID, CERTIFICATE), clock, () -> 1);

    @Test
    void aSubscriberTokenIsAgorasPublishedVector() {
        VideoTokens.VideoToken token = tokens.issue(CHANNEL, UID, VideoTokens.Role.SUBSCRIBER, Duration.ofSeconds(600));

        assertThat(token.token()).isEqualTo(JOIN_ONLY_VECTOR);
        assertThat(token.provider()).isEqualTo("agora");
        assertThat(token.appId()).isEqualTo(APP_ID);
        assertThat(token.role()).isEqualTo("subscriber");
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_111_111 + 600));
    }

    @Test
    void theReferenceAlgorithmAcceptsAgorasVectorAndOnlyWithTheRightCertificate() {
        AgoraReference.Token vector = AgoraReference.verify(JOIN_ONLY_VECTOR, CERTIFICATE);
        assertThat(vector.signatureValid()).isTrue();
        assertThat(vector.appId()).isEqualTo(APP_ID);
        assertThat(vector.issueTs()).isEqualTo(1_111_111);
        assertThat(vector.salt()).isEqualTo(1);
        assertThat(vector.services().get(AgoraReference.SERVICE_RTC))
                .isEqualTo(new AgoraReference.Rtc(CHANNEL, "2882341273", Map.of(AgoraReference.JOIN_CHANNEL, 600L)));

        assertThat(AgoraReference.verify(JOIN_ONLY_VECTOR, "5CFd2fd1755d40ecb72977518be15d3c").signatureValid()).isFalse();
    }

    @Test
    void aPublisherTokenCarriesJoinAndEveryPublishPrivilegeAndVerifies() {
        Instant now = Instant.parse("2035-07-01T12:00:00.750Z");
        clock.set(now);
        AgoraVideoTokens random = new AgoraVideoTokens(new AgoraProperties(APP_ID, CERTIFICATE), clock);

        VideoTokens.VideoToken token = random.issue("teaching_abc", 42, VideoTokens.Role.PUBLISHER, Duration.ofHours(2));

        AgoraReference.Token read = AgoraReference.verify(token.token(), CERTIFICATE);
        assertThat(read.signatureValid()).isTrue();
        assertThat(read.appId()).isEqualTo(APP_ID);
        assertThat(read.issueTs()).isEqualTo(Instant.parse("2035-07-01T12:00:00Z").getEpochSecond());
        assertThat(read.expire()).isEqualTo(7200);
        assertThat(read.salt()).isBetween(1L, 99_999_999L);
        assertThat(read.services().get(AgoraReference.SERVICE_RTC)).isEqualTo(new AgoraReference.Rtc("teaching_abc", "42",
                Map.of(AgoraReference.JOIN_CHANNEL, 7200L, AgoraReference.PUBLISH_AUDIO, 7200L,
                        AgoraReference.PUBLISH_VIDEO, 7200L, AgoraReference.PUBLISH_DATA, 7200L)));
        assertThat(token.role()).isEqualTo("publisher");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2035-07-01T14:00:00Z"));
    }

    @Test
    void aSubscriberTokenOnlyJoins() {
        VideoTokens.VideoToken token = tokens.issue("teaching_abc", 7, VideoTokens.Role.SUBSCRIBER, Duration.ofMinutes(90));

        AgoraReference.Token read = AgoraReference.verify(token.token(), CERTIFICATE);
        assertThat(read.signatureValid()).isTrue();
        assertThat(read.services().get(AgoraReference.SERVICE_RTC).privileges())
                .isEqualTo(Map.of(AgoraReference.JOIN_CHANNEL, 5400L));
    }

    @Test
    void aUserIdBeyondAgorasThirtyTwoBitUidsIsSignedAsTheUsersAccount() {
        long userId = 900_000_000_123L;
        VideoTokens.VideoToken token = tokens.issue("teaching_abc", userId, VideoTokens.Role.SUBSCRIBER, Duration.ofHours(1));

        AgoraReference.Token read = AgoraReference.verify(token.token(), CERTIFICATE);
        assertThat(read.signatureValid()).isTrue();
        assertThat(read.services().get(AgoraReference.SERVICE_RTC).uid()).isEqualTo("900000000123");
    }

    @Test
    void withoutAppIdAndCertificateVideoIsNotConfigured() {
        AgoraVideoTokens none = new AgoraVideoTokens(new AgoraProperties("", null), clock);

        assertThat(none.configured()).isFalse();
        assertThat(tokens.configured()).isTrue();
        assertThatThrownBy(() -> none.issue(CHANNEL, UID, VideoTokens.Role.PUBLISHER, Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badInputIsRefusedBeforeSigning() {
        assertThatThrownBy(() -> new AgoraProperties("not-an-app-id", CERTIFICATE))
                .hasMessageContaining("app-id");
        assertThatThrownBy(() -> tokens.issue(CHANNEL, 0, VideoTokens.Role.SUBSCRIBER, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("x".repeat(65), 1, VideoTokens.Role.SUBSCRIBER, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(CHANNEL, 1, VideoTokens.Role.SUBSCRIBER, Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
