package io.coachwork.scheduling.booking.domain;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CancellationPolicyTest {

    private static final Instant START = Instant.parse("2027-03-01T10:00:00Z");

    @Test
    void seed002DefaultRefundsInFullAnyTimeBeforeTheStart() {
        assertThat(CancellationPolicy.FLEXIBLE.studentRefund(6000, START, START.minusSeconds(1))).isEqualTo(6000);
        assertThat(CancellationPolicy.FLEXIBLE.studentRefund(6000, START, START.minus(Duration.ofDays(3)))).isEqualTo(6000);
    }

    @Test
    void theTwentyFourHourPolicyRefundsItsShareInsideTheLastDay() {
        CancellationPolicy half = new CancellationPolicy(CancellationPolicy.Kind.TWENTY_FOUR_HOURS, 50);
        assertThat(half.studentRefund(6000, START, START.minus(Duration.ofHours(25)))).isEqualTo(6000);
        assertThat(half.studentRefund(6000, START, START.minus(Duration.ofHours(24)))).as("24 hours before is late")
                .isEqualTo(3000);
        assertThat(half.studentRefund(6001, START, START.minus(Duration.ofHours(1)))).as("half up").isEqualTo(3001);
        assertThat(new CancellationPolicy(CancellationPolicy.Kind.TWENTY_FOUR_HOURS, 0)
                .studentRefund(6000, START, START.minusSeconds(60))).isZero();
    }

    @Test
    void nobodyCancelsAfterTheStartAndPercentsStayInRange() {
        assertThatThrownBy(() -> CancellationPolicy.FLEXIBLE.studentRefund(6000, START, START))
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> new CancellationPolicy(CancellationPolicy.Kind.TWENTY_FOUR_HOURS, 101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CancellationPolicy.Kind.of("24_HOURS")).isEqualTo(CancellationPolicy.Kind.TWENTY_FOUR_HOURS);
        assertThat(CancellationPolicy.Kind.of("weekly")).isNull();
    }

    @Property
    void aRefundIsNeverMoreThanPaidAndGrowsWithTheShare(@ForAll @LongRange(max = 1_000_000_000L) long paid,
                                                         @ForAll @IntRange(max = 99) int percent,
                                                         @ForAll @LongRange(min = 1, max = 48 * 3600) long secondsBefore) {
        Instant now = START.minusSeconds(secondsBefore);
        long refund = new CancellationPolicy(CancellationPolicy.Kind.TWENTY_FOUR_HOURS, percent).studentRefund(paid, START, now);
        long more = new CancellationPolicy(CancellationPolicy.Kind.TWENTY_FOUR_HOURS, percent + 1).studentRefund(paid, START, now);
        assertThat(refund).isBetween(0L, paid);
        assertThat(more).isGreaterThanOrEqualTo(refund);
        assertThat(CancellationPolicy.FLEXIBLE.studentRefund(paid, START, now)).isEqualTo(paid);
        if (secondsBefore > 24 * 3600) {
            assertThat(refund).isEqualTo(paid);
        }
    }
}
