package io.coachwork.wallet.invoice;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.ledger.Units;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the invoice endpoints; amounts in major units of {@code currency}. */
public final class InvoiceViews {

    public static final String SUBSCRIPTION_LINE = "subscription";
    public static final String TAX_LINE = "tax";

    private InvoiceViews() {
    }

    /** A line of the invoice; {@code rate_percent} only on the tax line. */
    public record Line(String kind, String description, BigDecimal amount, BigDecimal ratePercent) {
    }

    /** {@code issued_at} is named explicitly: springdoc reads "is…" as a boolean prefix and documented {@code issuedAt}. */
    public record InvoiceView(long id, String number, long tutorId, String tier, Instant periodStart, Instant periodEnd,
                              String status,
                              String currency, List<Line> lines, BigDecimal subtotal, BigDecimal tax, BigDecimal total,
                              String transactionRef, @JsonProperty("issued_at") Instant issuedAt) {
    }

    public record InvoicePage(List<InvoiceView> invoices, Pagination pagination) {
    }

    public static InvoiceView of(Invoice i) {
        String currency = i.currency();
        return new InvoiceView(i.id(), i.number(), i.tutorId(), i.tier(), i.periodStart(), i.periodEnd(), i.status(),
                currency,
                List.of(new Line(SUBSCRIPTION_LINE, InvoicePdf.subscriptionLine(i), Units.money(i.subtotalMinor(), currency),
                                null),
                        new Line(TAX_LINE, InvoicePdf.taxLine(i), Units.money(i.taxMinor(), currency), i.taxRatePercent())),
                Units.money(i.subtotalMinor(), currency), Units.money(i.taxMinor(), currency),
                Units.money(i.totalMinor(), currency), i.transactionRef(), i.issuedAt());
    }
}
