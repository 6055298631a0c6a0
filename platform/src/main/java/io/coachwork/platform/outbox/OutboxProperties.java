package io.coachwork.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often the relay looks for unpublished events it was not woken for (rows of a crashed
 * instance, expired leases, failed passes) and how many it claims at once.
 */
@ConfigurationProperties("coachwork.outbox")
public record OutboxProperties(Duration pollInterval, Integer batchSize, Boolean relayEnabled) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        relayEnabled = relayEnabled == null || relayEnabled;
    }
}
