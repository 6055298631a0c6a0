package io.coachwork.wallet.invoice;

import io.coachwork.platform.web.PageQuery;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Invoices and their yearly number counter. */
@Repository
public class InvoiceRepository {

    private static final String COLUMNS = "id, number, tutor_id, tier, period_start, currency, subtotal_minor, tax_name, "
            + "tax_rate_percent, tax_minor, total_minor, status, transaction_ref, issued_at, period_end";

    private final DatabaseClient db;

    public InvoiceRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The next number of {@code year}. The counter row stays locked until the caller's transaction ends, so
     * concurrent invoices take consecutive numbers and a rollback returns its number.
     */
    public Mono<Long> nextNumber(int year) {
        return db.sql("""
                        INSERT INTO invoice_number_counter (year, last_number) VALUES (:year, 1)
                        ON CONFLICT (year) DO UPDATE SET last_number = invoice_number_counter.last_number + 1
                        RETURNING last_number""")
                .bind("year", year)
                .map((row, meta) -> row.get("last_number", Long.class))
                .one();
    }

    /** Writes the invoice (fields but the id as given) and returns it with its id. */
    public Mono<Invoice> insert(Invoice i, String sagaId, long ledgerTransactionId) {
        return db.sql("""
                        INSERT INTO invoice (number, tutor_id, saga_id, tier, period_start, currency, subtotal_minor, tax_name,
                          tax_rate_percent, tax_minor, total_minor, status, ledger_transaction_id, transaction_ref, issued_at, period_end)
                        VALUES (:number, :tutor, :saga, :tier, :start, :currency, :subtotal, :taxName, :taxRate, :tax,
                          :total, :status, :ledgerTx, :ref, :issued, :end)
                        RETURNING id""")
                .bind("number", i.number()).bind("tutor", i.tutorId()).bind("saga", sagaId).bind("tier", i.tier())
                .bind("start", utc(i.periodStart())).bind("currency", i.currency())
                .bind("subtotal", i.subtotalMinor()).bind("taxName", i.taxName()).bind("taxRate", i.taxRatePercent())
                .bind("tax", i.taxMinor()).bind("total", i.totalMinor()).bind("status", i.status())
                .bind("ledgerTx", ledgerTransactionId).bind("ref", i.transactionRef()).bind("issued", utc(i.issuedAt()))
                .bind("end", Parameter.fromOrEmpty(i.periodEnd() == null ? null : utc(i.periodEnd()), OffsetDateTime.class))
                .map((row, meta) -> row.get("id", Long.class))
                .one()
                .map(id -> new Invoice(id, i.number(), i.tutorId(), i.tier(), i.periodStart(), i.currency(),
                        i.subtotalMinor(), i.taxName(), i.taxRatePercent(), i.taxMinor(), i.totalMinor(), i.status(),
                        i.transactionRef(), i.issuedAt(), i.periodEnd()));
    }

    public Mono<Invoice> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM invoice WHERE id = :id").bind("id", id)
                .map((row, meta) -> read(row)).one();
    }

    /** The invoices of one tutor, or of all tutors when {@code tutorId} is null; newest first. */
    public Flux<Invoice> list(Long tutorId, PageQuery page) {
        return db.sql("SELECT " + COLUMNS + " FROM invoice WHERE (CAST(:tutor AS BIGINT) IS NULL OR tutor_id = :tutor) "
                        + "ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("tutor", Parameter.fromOrEmpty(tutorId, Long.class))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map((row, meta) -> read(row)).all();
    }

    public Mono<Long> count(Long tutorId) {
        return db.sql("SELECT count(*) AS n FROM invoice WHERE (CAST(:tutor AS BIGINT) IS NULL OR tutor_id = :tutor)")
                .bind("tutor", Parameter.fromOrEmpty(tutorId, Long.class))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    private static Invoice read(Readable row) {
        return new Invoice(row.get("id", Long.class), row.get("number", String.class), row.get("tutor_id", Long.class),
                row.get("tier", String.class), row.get("period_start", OffsetDateTime.class).toInstant(),
                row.get("currency", String.class), row.get("subtotal_minor", Long.class), row.get("tax_name", String.class),
                row.get("tax_rate_percent", BigDecimal.class), row.get("tax_minor", Long.class),
                row.get("total_minor", Long.class), row.get("status", String.class),
                row.get("transaction_ref", String.class), row.get("issued_at", OffsetDateTime.class).toInstant(),
                instant(row.get("period_end", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
