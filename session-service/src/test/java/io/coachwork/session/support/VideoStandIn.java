package io.coachwork.session.support;

import io.coachwork.session.video.VideoTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Video tokens for teaching-session tests, whatever implementation the service has: the token names
 * channel, user and role so tests can read what was granted; {@link #CONFIGURED} switches "video is
 * not configured" on and off.
 */
@TestConfiguration(proxyBeanMethods = false)
public class VideoStandIn {

    public static final AtomicBoolean CONFIGURED = new AtomicBoolean(true);

    @Bean
    @Primary
    VideoTokens videoStandIn() {
        return new VideoTokens() {
            @Override
            public boolean configured() {
                return CONFIGURED.get();
            }

            @Override
            public VideoToken issue(String channelName, long uid, Role role, Duration ttl) {
                return new VideoToken("agora", "test-app", channelName, uid, role.name(),
                        "token:" + channelName + ":" + uid + ":" + role + ":" + ttl.toSeconds(), Instant.EPOCH.plus(ttl));
            }
        };
    }
}
