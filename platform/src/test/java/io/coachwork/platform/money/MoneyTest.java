package io.coachwork.platform.money;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One money type: decimals from the ISO currency, renderings for seed 000 and for people, one rounding rule. */
class MoneyTest {

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("NGN", "USD", "EUR", "GBP", "JPY", "KRW", "KWD", "BHD", "CLF");
    }

    @Property
    void everyAmountSurvivesARoundTripThroughItsDecimalRenderings(@ForAll long minor, @ForAll("currencies") String currency) {
        Money money = Money.of(minor, currency);
        assertThat(Money.parse(money.major(), currency)).isEqualTo(money);
        assertThat(Money.parse(money.decimal(), currency)).isEqualTo(money);
        assertThat(Money.parse(money.compact(), currency)).isEqualTo(money);
        assertThat(Money.parse(new BigDecimal(money.decimal().toPlainString()), currency)).isEqualTo(money);
    }

    @Property
    void theDecimalRenderingAlwaysHasOneToTheCurrencysDecimals(@ForAll long minor, @ForAll("currencies") String currency) {
        int scale = Money.of(minor, currency).decimal().scale();
        assertThat(scale).isBetween(1, Math.max(1, Money.fractionDigits(currency)));
    }

    @Property
    void moreDecimalsThanTheCurrencyHasAreRefusedNeverRounded(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long minor,
                                                               @ForAll("currencies") String currency) {
        int digits = Money.fractionDigits(currency);
        BigDecimal tooPrecise = BigDecimal.valueOf(minor, digits).add(BigDecimal.valueOf(1, digits + 1));
        assertThatThrownBy(() -> Money.parse(tooPrecise, currency)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount may have at most " + digits + " decimal places for " + currency);
    }

    @Property
    void sharesRoundHalfUpAndNeverDriftByMoreThanHalfAMinorUnit(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long perHour, @ForAll @LongRange(min = 0, max = 100_000) long minutes) {
        Money price = Money.of(perHour, "NGN").share(minutes, 60);
        BigDecimal exact = BigDecimal.valueOf(perHour).multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(60),
                10, java.math.RoundingMode.HALF_UP);
        assertThat(BigDecimal.valueOf(price.minor()).subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void decimalsComeFromTheCurrency() {
        assertThat(Money.of(5500, "NGN").decimal()).hasToString("55.0");
        assertThat(Money.of(44550, "NGN").decimal()).hasToString("445.5");
        assertThat(Money.of(1, "USD").decimal()).hasToString("0.01");
        assertThat(Money.of(500, "JPY").decimal()).hasToString("500.0");
        assertThat(Money.of(1234, "KWD").decimal()).hasToString("1.234");
        assertThat(Money.of(9900, "USD").compact()).hasToString("99");
        assertThat(Money.of(3999, "USD").compact()).hasToString("39.99");
        assertThat(Money.of(500, "JPY").compact()).hasToString("500");
        assertThat(Money.of(3000, "NGN").text()).isEqualTo("30.0 NGN");
        assertThat(Money.of(150000, "NGN").formatted()).isEqualTo("1,500.00 NGN");
        assertThat(Money.of(150000, "JPY").formatted()).isEqualTo("150,000 JPY");
        assertThat(Money.of(1500, "KWD").formatted()).isEqualTo("1.500 KWD");
        assertThat(Money.parse(new BigDecimal("500"), "JPY").minor()).isEqualTo(500);
        assertThat(Money.parse(new BigDecimal("-12.5"), "NGN").minor()).isEqualTo(-1250);
    }

    @Test
    void theRoundingRuleIsHalfUp() {
        assertThat(Money.of(1000, "NGN").share(1, 60).minor()).isEqualTo(17);
        assertThat(Money.of(90, "NGN").share(1, 60).minor()).isEqualTo(2);
        assertThat(Money.of(10000, "NGN").percent(new BigDecimal("12.5")).minor()).isEqualTo(1250);
        assertThat(Money.of(5, "NGN").percent(new BigDecimal("10")).minor()).isEqualTo(1);
        assertThat(Money.of(4, "NGN").percent(new BigDecimal("10")).minor()).isEqualTo(0);
    }

    @Test
    void badCurrenciesOverflowAndMixedCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.of(1, "XYZ1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency must be an ISO 4217 code such as NGN or USD");
        assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse(new BigDecimal("1e30"), "NGN")).hasMessage("amount is too large");
        assertThatThrownBy(() -> Money.of(1, "NGN").plus(Money.of(1, "USD"))).hasMessage("cannot mix NGN and USD");
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "NGN").plus(Money.of(1, "NGN")))
                .isInstanceOf(ArithmeticException.class);
    }
}
