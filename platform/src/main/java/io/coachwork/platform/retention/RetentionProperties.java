package io.coachwork.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long published outbox rows are kept (Kafka holds the events themselves; the rows answer "was it
 * sent, and when"), how often the job runs, and how many rows one statement deletes.
 * {@code coachwork.retention.enabled=false} leaves the job out.
 */
@ConfigurationProperties("coachwork.retention")
public record RetentionProperties(Duration interval, Duration publishedOutbox, Integer batchSize) {

    public RetentionProperties {
        interval = interval == null ? Duration.ofMinutes(10) : interval;
        publishedOutbox = publishedOutbox == null ? Duration.ofDays(1) : publishedOutbox;
        batchSize = batchSize == null ? 1000 : batchSize;
        if (interval.isNegative() || interval.isZero() || publishedOutbox.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException("coachwork.retention needs a positive interval and batch size "
                    + "and a retention of zero or more");
        }
    }
}
