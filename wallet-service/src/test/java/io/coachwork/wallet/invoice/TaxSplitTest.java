package io.coachwork.wallet.invoice;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tax is carved out of the charged total, which stays exactly what the ledger moved. */
class TaxSplitTest {

    @Test
    void noTaxByDefaultLeavesTheWholeTotalAsSubtotal() {
        assertThat(TaxSplit.of(3900, BigDecimal.ZERO)).isEqualTo(new TaxSplit(3900, 0));
    }

    @Test
    void aRateTakesItsShareOfTheTaxInclusiveTotalRoundedHalfUp() {
        assertThat(TaxSplit.of(10750, new BigDecimal("7.5"))).isEqualTo(new TaxSplit(10000, 750));
        assertThat(TaxSplit.of(12000, new BigDecimal("20"))).isEqualTo(new TaxSplit(10000, 2000));
        // 1 × 7.5 / 107.5 = 0.07: rounds to nothing.
        assertThat(TaxSplit.of(1, new BigDecimal("7.5"))).isEqualTo(new TaxSplit(1, 0));
        // 7 × 7.5 / 107.5 = 0.488…; 8 × 7.5 / 107.5 = 0.558…
        assertThat(TaxSplit.of(7, new BigDecimal("7.5")).taxMinor()).isZero();
        assertThat(TaxSplit.of(8, new BigDecimal("7.5")).taxMinor()).isEqualTo(1);
        assertThat(TaxSplit.of(100, new BigDecimal("100"))).isEqualTo(new TaxSplit(50, 50));
    }

    @Test
    void ratesOutsideZeroToHundredAndNegativeTotalsAreRefused() {
        assertThatThrownBy(() -> TaxSplit.of(100, new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxSplit.of(100, new BigDecimal("100.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxSplit.of(100, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxSplit.of(-1, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceProperties("VAT", new BigDecimal("150")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void subtotalAndTaxAddUpToTheTotalAndTaxNeverExceedsItsRate(
            @ForAll @LongRange(min = 0, max = 99_999_999_999L) long total,
            @ForAll @BigRange(min = "0", max = "100") @Scale(2) BigDecimal rate) {
        TaxSplit split = TaxSplit.of(total, rate);

        assertThat(split.subtotalMinor() + split.taxMinor()).isEqualTo(total);
        assertThat(split.taxMinor()).isBetween(0L, total);
        // Within half a minor unit of the exact share.
        BigDecimal exact = BigDecimal.valueOf(total).multiply(rate).divide(rate.add(BigDecimal.valueOf(100)),
                10, java.math.RoundingMode.HALF_UP);
        assertThat(BigDecimal.valueOf(split.taxMinor()).subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }
}
