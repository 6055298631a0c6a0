package io.coachwork.platform.saga;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Resend backoff: starts at resend-after, doubles, never passes the cap, never overflows. */
class SagaPropertiesTest {

    private static SagaProperties properties(long resendAfterSeconds, long maxBackoffSeconds) {
        return new SagaProperties(Duration.ofSeconds(resendAfterSeconds), Duration.ofSeconds(maxBackoffSeconds),
                Duration.ofSeconds(1), 100, Duration.ofMinutes(1));
    }

    @Property
    void backoffDoublesUpToTheCap(@ForAll @LongRange(min = 1, max = 600) long base,
                                  @ForAll @LongRange(min = 600, max = 86_400) long cap,
                                  @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE - 1) int attempt) {
        SagaProperties p = properties(base, cap);
        Duration now = p.backoff(attempt);
        Duration next = p.backoff(attempt + 1);

        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(base));
        assertThat(now).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(cap));
        assertThat(next).isGreaterThanOrEqualTo(now);
        if (next.compareTo(Duration.ofSeconds(cap)) < 0) {
            assertThat(next).isEqualTo(now.multipliedBy(2));
        }
    }
}
