package io.coachwork.platform.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the saga engine paces itself. An unanswered command is resent {@code resendAfter} after its
 * first send, then after twice that, and so on up to {@code maxBackoff}. A waiting request is woken
 * by the reply in this instance and reads the database every {@code awaitPoll} for replies another
 * replica applied.
 */
@ConfigurationProperties("coachwork.sagas")
public record SagaProperties(@DefaultValue("30s") Duration resendAfter, @DefaultValue("10m") Duration maxBackoff,
                             @DefaultValue("1s") Duration awaitPoll, @DefaultValue("100") int recoveryBatch,
                             @DefaultValue("1m") Duration claimLease) {

    /** When the command sent for the {@code attempt}-th time (1 = first send) is due again. */
    public Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration next = resendAfter.multipliedBy(1L << doublings);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }
}
