package io.coachwork.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coachwork.notifications.*}: the sender address, where links point, and how hard the
 * email worker tries before it records a delivery as failed.
 */
@ConfigurationProperties("coachwork.notifications")
public record NotificationProperties(String mailFrom, String appBaseUrl, Email email) {

    public NotificationProperties {
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "Coachwork <no-reply@coachwork.local>" : mailFrom;
        appBaseUrl = appBaseUrl == null || appBaseUrl.isBlank() ? "http://localhost:3000"
                : appBaseUrl.replaceAll("/+$", "");
        email = email == null ? new Email(null, null, null, null) : email;
    }

    /**
     * {@code maxAttempts} sends per email, waiting {@code initialBackoff} (doubling) in between; up to
     * {@code batchSize} emails claimed per pass; a pass every {@code pollInterval} besides the wake-ups.
     */
    public record Email(Integer maxAttempts, Duration initialBackoff, Integer batchSize, Duration pollInterval) {

        public Email {
            maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            batchSize = batchSize == null || batchSize < 1 ? 50 : batchSize;
            pollInterval = pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()
                    ? Duration.ofSeconds(5) : pollInterval;
        }
    }
}
