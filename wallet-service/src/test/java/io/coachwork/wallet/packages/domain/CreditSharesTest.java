package io.coachwork.wallet.packages.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credit shares: a package's price divided between its credits to the minor unit, adding up exactly. */
class CreditSharesTest {

    @Test
    void fiveSessionsOfAHundredDollarsAreTwentyEach() {
        for (int k = 0; k < 5; k++) {
            assertThat(CreditShares.of(10_000, 5, k, 1)).isEqualTo(2000);
        }
    }

    @Test
    void theRemainderIsSpreadOneMinorUnitAtATime() {
        // 100.00 over 3: 33.33, 33.33, 33.34
        assertThat(CreditShares.of(10_000, 3, 0, 1)).isEqualTo(3333);
        assertThat(CreditShares.of(10_000, 3, 1, 1)).isEqualTo(3333);
        assertThat(CreditShares.of(10_000, 3, 2, 1)).isEqualTo(3334);
        assertThat(CreditShares.of(10_000, 3, 1, 2)).isEqualTo(6667);
        assertThat(CreditShares.of(10_000, 3, 0, 3)).isEqualTo(10_000);
        assertThat(CreditShares.of(10_000, 3, 3, 0)).isZero();
    }

    @Test
    void moreCreditsThanThePackageHasAreRefused() {
        assertThatThrownBy(() -> CreditShares.of(10_000, 3, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditShares.of(10_000, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Releases of one credit and forfeits of several, in any order, always add up to the price. */
    @Property
    void anyOrderOfSettlingAddsUpToThePriceAndEachCreditIsWorthTheFloorOrOneMore(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long price, @ForAll @IntRange(min = 1, max = 100) int n,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<Integer> groups = new ArrayList<>();
        int left = n;
        while (left > 0) {
            int size = random.nextBoolean() ? 1 : 1 + random.nextInt(left);
            groups.add(size);
            left -= size;
        }
        Collections.shuffle(groups, random);
        long total = 0;
        int settled = 0;
        for (int size : groups) {
            long amount = CreditShares.of(price, n, settled, size);
            assertThat(amount).isBetween(size * (price / n), size * (price / n + 1));
            total += amount;
            settled += size;
        }
        assertThat(total).isEqualTo(price);
    }
}
