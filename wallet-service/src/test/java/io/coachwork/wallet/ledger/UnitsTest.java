package io.coachwork.wallet.ledger;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsTest {

    @Test
    void minutesShowAsHoursWithAtLeastOneDecimalRoundedHalfUpToTwo() {
        assertThat(Units.hours(330).toString()).isEqualTo("5.5");
        assertThat(Units.hours(660).toString()).isEqualTo("11.0");
        assertThat(Units.hours(45).toString()).isEqualTo("0.75");
        assertThat(Units.hours(79).toString()).isEqualTo("1.32");
        assertThat(Units.hours(20).toString()).isEqualTo("0.33");
        assertThat(Units.hours(50).toString()).isEqualTo("0.83");
        assertThat(Units.hours(0).toString()).isEqualTo("0.0");
        assertThat(Units.hours(600).toString()).isEqualTo("10.0");
    }

    @Test
    void minorUnitsShowAsMajorWithAtLeastOneDecimal() {
        assertThat(Units.money(5500, "NGN").toString()).isEqualTo("55.0");
        assertThat(Units.money(44500, "NGN").toString()).isEqualTo("445.0");
        assertThat(Units.money(44550, "NGN").toString()).isEqualTo("445.5");
        assertThat(Units.money(1, "NGN").toString()).isEqualTo("0.01");
        assertThat(Units.money(0, "USD").toString()).isEqualTo("0.0");
        assertThat(Units.money(100000, "NGN").toString()).isEqualTo("1000.0");
        assertThat(Units.money(500, "JPY").toString()).isEqualTo("500.0");
        assertThat(Units.moneyText(3000, "NGN")).isEqualTo("30.0 NGN");
    }

    @Test
    void priceIsMinutesTimesHourlyPriceOverSixtyRoundedHalfUp() {
        assertThat(Units.price(330, 1000)).isEqualTo(5500);
        assertThat(Units.price(60, 1000)).isEqualTo(1000);
        assertThat(Units.price(1, 1000)).isEqualTo(17);
        assertThat(Units.price(1, 30)).isEqualTo(1);
        assertThat(Units.price(1, 29)).isZero();
        assertThat(Units.price(79, 1500)).isEqualTo(1975);
        assertThat(Units.price(45, 0)).isZero();
    }

    @Test
    void hoursMustBeWholeMinutes() {
        assertThat(Units.minutes(new BigDecimal("5.5"))).isEqualTo(330);
        assertThat(Units.minutes(new BigDecimal("0.25"))).isEqualTo(15);
        assertThat(Units.minutes(new BigDecimal("2"))).isEqualTo(120);
        assertThat(Units.minutes(new BigDecimal("1.50000"))).isEqualTo(90);
        assertThat(Units.minutes(new BigDecimal("0.05"))).isEqualTo(3);
        assertThatThrownBy(() -> Units.minutes(new BigDecimal("0.01")))
                .hasMessage("hours must be a whole number of minutes (for example 1.5 or 0.25)");
        assertThatThrownBy(() -> Units.minutes(new BigDecimal("1.333"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Units.minutes(new BigDecimal("1e30"))).hasMessage("hours is too large");
    }

    @Test
    void moneyMayNotHaveMoreDecimalsThanItsCurrency() {
        assertThat(Units.minor(new BigDecimal("500.0"), "NGN")).isEqualTo(50000);
        assertThat(Units.minor(new BigDecimal("0.01"), "NGN")).isEqualTo(1);
        assertThat(Units.minor(new BigDecimal("-12.5"), "NGN")).isEqualTo(-1250);
        assertThat(Units.minor(new BigDecimal("1.230"), "USD")).isEqualTo(123);
        assertThatThrownBy(() -> Units.minor(new BigDecimal("1.234"), "NGN"))
                .hasMessage("amount may have at most 2 decimal places for NGN");
    }

    @Test
    void amountsNoWalletCanHoldAreRefusedWithoutOverflowing() {
        assertThatThrownBy(() -> Units.minor(new BigDecimal("1e2147483647"), "NGN")).hasMessage("amount is too large");
        assertThatThrownBy(() -> Units.minor(new BigDecimal("1e30"), "NGN")).hasMessage("amount is too large");
    }
}
