package io.coachwork.scheduling.calendly;

import io.coachwork.scheduling.calendly.domain.CalendlySignature;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code coachwork.calendly.*}: the organisation webhook subscription's signing key (none: the webhook
 * answers 503), how far a signature's time may be from ours, and how failed deliveries are retried.
 */
@Component
public class CalendlyConfig {

    private final Optional<CalendlySignature> signature;
    private final int maxAttempts;
    private final Duration retryBase;
    private final Duration lease;

    public CalendlyConfig(@Value("${coachwork.calendly.webhook-signing-key:}") String signingKey,
                          @Value("${coachwork.calendly.signature-tolerance:3m}") Duration tolerance,
                          @Value("${coachwork.calendly.max-attempts:5}") int maxAttempts,
                          @Value("${coachwork.calendly.retry-base:1m}") Duration retryBase,
                          @Value("${coachwork.calendly.lease:2m}") Duration lease) {
        this.signature = signingKey == null || signingKey.isBlank() ? Optional.empty()
                : Optional.of(new CalendlySignature(signingKey, tolerance));
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.lease = lease;
    }

    public Optional<CalendlySignature> signature() {
        return signature;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before attempt {@code attempt + 1}: the base, doubled per failed attempt, at most an hour. */
    public Duration backoff(int attempt) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 10));
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    /** How long an attempt owns a delivery before the retry job may take it again. */
    public Duration lease() {
        return lease;
    }
}
