package io.coachwork.wallet.invoice;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues the invoice of a paid tier period and announces it, inside the transaction of the charge that paid
 * it: the charge, its invoice, its number and its event commit together or not at all.
 */
@Component
public class Invoicing {

    /** What was charged: the tier's period, the amount the ledger moved and the transaction that moved it. */
    public record Charge(String sagaId, long tutorId, String tier, Instant periodStart, Instant periodEnd,
                         long amountMinor, String currency, long ledgerTransactionId, String transactionRef) {
    }

    private final InvoiceRepository invoices;
    private final OutboxWriter outbox;
    private final InvoiceProperties properties;
    private final Clock clock;

    public Invoicing(InvoiceRepository invoices, OutboxWriter outbox, InvoiceProperties properties, Clock clock) {
        this.invoices = invoices;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Invoice> issue(Charge charge) {
        Instant now = clock.instant();
        TaxSplit split = TaxSplit.of(charge.amountMinor(), properties.taxRatePercent());
        int year = now.atZone(ZoneOffset.UTC).getYear();
        // Called once the ledger has posted, so the year's counter row is locked only for the rest of the transaction.
        return invoices.nextNumber(year)
                .flatMap(sequence -> invoices.insert(new Invoice(0, InvoiceNumber.of(year, sequence), charge.tutorId(),
                        charge.tier(), charge.periodStart() == null ? now : charge.periodStart(), charge.currency(),
                        split.subtotalMinor(), properties.taxName(), properties.taxRatePercent(), split.taxMinor(),
                        charge.amountMinor(), Invoice.PAID, charge.transactionRef(), now, charge.periodEnd()), charge.sagaId(),
                        charge.ledgerTransactionId()))
                .flatMap(invoice -> outbox.append(Topics.WALLET_EVENTS, Long.toString(invoice.tutorId()),
                        EventTypes.SUBSCRIPTION_INVOICE_CREATED, created(invoice)).thenReturn(invoice));
    }

    private static WalletEvents.InvoiceCreated created(Invoice i) {
        return new WalletEvents.InvoiceCreated(i.id(), i.number(), i.tutorId(), i.tier(), i.periodStart(),
                i.subtotalMinor(), i.taxName(), i.taxRatePercent(), i.taxMinor(), i.totalMinor(), i.currency(),
                i.status(), i.transactionRef(), i.issuedAt(), i.periodEnd());
    }
}
