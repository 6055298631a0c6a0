package io.coachwork.wallet.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An issued invoice of a paid tier period; amounts in minor units of {@code currency}. {@code periodEnd} is null
 * on invoices issued before charges carried the period's end.
 */
public record Invoice(long id, String number, long tutorId, String tier, Instant periodStart, String currency,
                      long subtotalMinor, String taxName, BigDecimal taxRatePercent, long taxMinor, long totalMinor,
                      String status, String transactionRef, Instant issuedAt, Instant periodEnd) {

    public static final String PAID = "PAID";
}
