package io.coachwork.session.coaching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sagaWait}: how long a create request waits for wallet-service's answer before it answers
 * 202 (seed 000 answers synchronously). Resends are paced by the platform's {@code coachwork.sagas}.
 */
@ConfigurationProperties("coachwork.sessions")
public record SessionProperties(Duration sagaWait) {

    public SessionProperties {
        sagaWait = sagaWait == null ? Duration.ofSeconds(5) : sagaWait;
    }
}
