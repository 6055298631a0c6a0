package io.coachwork.wallet.invoice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceNumberTest {

    @Test
    void numbersCountWithinTheYearWithAtLeastSixDigits() {
        assertThat(InvoiceNumber.of(2026, 1)).isEqualTo("CW-2026-000001");
        assertThat(InvoiceNumber.of(2026, 123456)).isEqualTo("CW-2026-123456");
        assertThat(InvoiceNumber.of(2027, 1_000_000)).isEqualTo("CW-2027-1000000");
        assertThatThrownBy(() -> InvoiceNumber.of(2026, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvoiceNumber.of(300000, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
