package io.coachwork.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long T0 = 1_000_000L;

    @Test
    void aNewBucketLetsTheBurstThroughThenRefusesUntilATokenArrives() {
        TokenBucket bucket = new TokenBucket(3, 20, T0);

        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(true, 2, 0));
        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(true, 1, 0));
        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(true, 0, 0));
        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(false, 0, 50));
        assertThat(bucket.tryConsume(T0 + 20)).isEqualTo(new TokenBucket.Decision(false, 0, 30));
        assertThat(bucket.tryConsume(T0 + 50).allowed()).isTrue();
    }

    @Test
    void refillsAtTheRateUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1, T0);
        bucket.tryConsume(T0);
        bucket.tryConsume(T0);

        assertThat(bucket.tryConsume(T0 + 10_000)).isEqualTo(new TokenBucket.Decision(true, 1, 0));
        assertThat(bucket.tryConsume(T0 + 10_000)).isEqualTo(new TokenBucket.Decision(true, 0, 0));
        assertThat(bucket.tryConsume(T0 + 10_000).allowed()).isFalse();
    }

    @Test
    void aClockGoingBackwardsRefillsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        bucket.tryConsume(T0);

        assertThat(bucket.tryConsume(T0 - 5_000).allowed()).isFalse();
        assertThat(bucket.tryConsume(T0 + 999).allowed()).isFalse();
        assertThat(bucket.tryConsume(T0 + 1_000).allowed()).isTrue();
    }

    @Test
    void handsOverEachTakenTokenOnceAndAFailedHandOverGoesWithTheNext() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);
        bucket.tryConsume(T0);
        bucket.tryConsume(T0);

        long first = bucket.takeUnsynced();
        assertThat(first).isEqualTo(2);
        assertThat(bucket.takeUnsynced()).isZero();

        bucket.tryConsume(T0 + 1);
        bucket.returnUnsynced(first);
        assertThat(bucket.takeUnsynced()).isEqualTo(3);
    }

    @Test
    void theSharedLevelReplacesTheLocalOneLessWhatWasTakenHereSinceTheHandOver() {
        TokenBucket bucket = new TokenBucket(10, 1, T0);
        bucket.tryConsume(T0);
        bucket.takeUnsynced();
        bucket.tryConsume(T0);

        // Another instance took 6 of the 9 this one reported; one more was taken here since.
        bucket.synchronised(3.0, T0);
        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(true, 1, 0));
        assertThat(bucket.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(true, 0, 0));
        assertThat(bucket.tryConsume(T0).allowed()).isFalse();
    }

    @Test
    void aSharedLevelBelowZeroOrAboveTheCapacityIsClamped() {
        TokenBucket below = new TokenBucket(4, 1, T0);
        below.synchronised(-3.5, T0);
        assertThat(below.tryConsume(T0)).isEqualTo(new TokenBucket.Decision(false, 0, 1_000));

        TokenBucket above = new TokenBucket(4, 1, T0);
        above.synchronised(40, T0);
        assertThat(above.tryConsume(T0).remaining()).isEqualTo(3);
    }

    @Test
    void isForgottenOnlyWhenHandedOverAndFullAgain() {
        TokenBucket bucket = new TokenBucket(4, 2, T0);
        bucket.tryConsume(T0);

        assertThat(bucket.idle(T0 + 60_000)).as("a token not handed over yet").isFalse();
        bucket.takeUnsynced();
        assertThat(bucket.idle(T0 + 1_999)).isFalse();
        assertThat(bucket.idle(T0 + 2_000)).isTrue();
    }

    /**
     * Whatever the arrival times, no window from the start lets more through than the burst plus what the
     * rate adds, and a refused request that waits the time it was told gets through.
     */
    @Property
    void neverLetsThroughMoreThanTheBurstPlusTheRate(@ForAll @IntRange(min = 1, max = 50) int rate,
                                                     @ForAll @IntRange(min = 0, max = 50) int extraCapacity,
                                                     @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 200) Integer> gaps) {
        long capacity = rate + extraCapacity;
        TokenBucket bucket = new TokenBucket(capacity, rate, T0);
        long now = T0;
        long allowed = 0;
        for (int gap : gaps) {
            now += gap;
            TokenBucket.Decision decision = bucket.tryConsume(now);
            if (!decision.allowed()) {
                assertThat(decision.retryAfterMillis()).isBetween(1L, (long) Math.ceil(1000.0 / rate));
                now += decision.retryAfterMillis();
                decision = bucket.tryConsume(now);
                assertThat(decision.allowed()).as("after waiting as told").isTrue();
            }
            allowed++;
            assertThat(decision.remaining()).isBetween(0L, capacity - 1);
            assertThat(allowed).isLessThanOrEqualTo(capacity + (now - T0) * rate / 1000);
        }
        assertThat(bucket.takeUnsynced()).isEqualTo(allowed);
    }
}
