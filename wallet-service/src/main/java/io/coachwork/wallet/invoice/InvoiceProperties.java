package io.coachwork.wallet.invoice;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coachwork.invoices.*}: the tax line every invoice carries, by name and rate in percent (0 unless
 * the platform is registered to charge it; tier prices include it).
 */
@ConfigurationProperties("coachwork.invoices")
public record InvoiceProperties(String taxName, BigDecimal taxRatePercent) {

    public InvoiceProperties {
        taxName = taxName == null || taxName.isBlank() ? "VAT" : taxName.trim();
        taxRatePercent = TaxSplit.requireRate(taxRatePercent == null ? BigDecimal.ZERO : taxRatePercent);
    }
}
