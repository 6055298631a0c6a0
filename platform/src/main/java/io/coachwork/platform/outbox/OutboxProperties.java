package io.coachwork.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How often the relay looks for unpublished events and how many it claims at once. */
@ConfigurationProperties("coachwork.outbox")
public record OutboxProperties(Duration pollInterval, Integer batchSize, Boolean relayEnabled) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(100) : pollInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        relayEnabled = relayEnabled == null || relayEnabled;
    }
}
