package io.coachwork.notification.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coachwork.notifications.push.fanout.*}: whether pushes travel between replicas through
 * Redis pub/sub ({@code spring.data.redis.*}), and how long any Redis call may take before the push
 * is left to the inbox. Turn it off for a single instance without Redis.
 */
@ConfigurationProperties("coachwork.notifications.push.fanout")
public record FanoutProperties(Boolean enabled, Duration timeout) {

    public static final String ENABLED = "coachwork.notifications.push.fanout.enabled";

    public FanoutProperties {
        enabled = enabled == null || enabled;
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(500) : timeout;
    }
}
