package io.coachwork.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka wiring. {@code groupSuffix} keeps consumer groups apart when several application contexts
 * share one broker (tests); it is empty in real deployments.
 */
@ConfigurationProperties("coachwork.kafka")
public record MessagingProperties(String bootstrapServers, String groupSuffix, boolean consumersEnabled,
                                  Integer maxAttempts, Duration initialBackoff) {

    public MessagingProperties {
        groupSuffix = groupSuffix == null ? "" : groupSuffix;
        maxAttempts = maxAttempts == null ? 4 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
    }
}
