package io.coachwork.session.coaching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sagaWait}: how long a create request waits for wallet-service's answer before it answers
 * 202 (seed 000 answers synchronously). Resends are paced by the platform's {@code coachwork.sagas}.
 * {@code maxStartAhead}: how far ahead a session may be scheduled (a year unless configured).
 */
@ConfigurationProperties("coachwork.sessions")
public record SessionProperties(Duration sagaWait, Duration maxStartAhead) {

    public SessionProperties {
        sagaWait = sagaWait == null ? Duration.ofSeconds(5) : sagaWait;
        maxStartAhead = maxStartAhead == null ? Duration.ofDays(365) : maxStartAhead;
    }
}
