package io.coachwork.wallet.admin;

import io.coachwork.wallet.admin.ReconciliationRules.Discrepancy;
import io.coachwork.wallet.admin.ReconciliationRules.TutorMinutes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks the books: every tutor account's cached balance equals the sum of its entries (platform
 * accounts cache none: their balance is that sum), every ledger transaction sums to zero per unit,
 * every tutor's hours add up ({@link ReconciliationRules}), each currency's booking escrow holds
 * exactly what its booking payments paid less refunded less released (and its package escrow what the
 * package purchases paid less released, forfeited and refunded), and each booking's escrow,
 * commission and earnings movements match its payment record.
 * Reads one consistent snapshot (repeatable read), so movements running meanwhile cannot show up
 * as discrepancies.
 */
@Component
public class Reconciliation {

    public record Report(long walletsChecked, List<Discrepancy> discrepancies, boolean ok) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator snapshot;

    public Reconciliation(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        definition.setReadOnly(true);
        this.snapshot = TransactionalOperator.create(transactions, definition);
    }

    public Mono<Report> run() {
        Mono<Report> report = accounts().concatWith(transactions()).concatWith(escrows()).concatWith(packageEscrows()).concatWith(bookings()).collectList().flatMap(ledgerFindings ->
                tutors().collectList().map(tutors -> {
                    List<Discrepancy> all = new ArrayList<>(ledgerFindings);
                    tutors.forEach(t -> all.addAll(ReconciliationRules.check(t)));
                    return new Report(tutors.size(), all, all.isEmpty());
                }));
        return snapshot.transactional(report);
    }

    private Flux<Discrepancy> accounts() {
        return db.sql("""
                        SELECT a.id, a.owner_id, a.code, a.unit, a.balance, COALESCE(e.total, 0) AS total
                        FROM account a
                        LEFT JOIN (SELECT account_id, sum(amount)::bigint AS total FROM ledger_entry GROUP BY account_id) e
                          ON e.account_id = a.id
                        WHERE a.owner_id IS NOT NULL AND a.balance <> COALESCE(e.total, 0)
                        ORDER BY a.id""")
                .map((row, meta) -> {
                    String subject = "account " + row.get("id", Long.class) + " (" + row.get("code", String.class)
                            + " of tutor " + row.get("owner_id", Long.class) + "): entries vs cached balance";
                    return new Discrepancy(ReconciliationRules.ACCOUNT_BALANCE, subject, row.get("total", Long.class),
                            row.get("balance", Long.class), row.get("unit", String.class));
                })
                .all();
    }

    private Flux<Discrepancy> transactions() {
        return db.sql("""
                        SELECT e.transaction_id, a.unit, sum(e.amount)::bigint AS total
                        FROM ledger_entry e JOIN account a ON a.id = e.account_id
                        GROUP BY e.transaction_id, a.unit
                        HAVING sum(e.amount) <> 0
                        ORDER BY e.transaction_id""")
                .map((row, meta) -> new Discrepancy(ReconciliationRules.TRANSACTION_BALANCE,
                        "ledger transaction " + row.get("transaction_id", Long.class) + ": sum of entries", 0,
                        row.get("total", Long.class), row.get("unit", String.class)))
                .all();
    }

    private Flux<Discrepancy> escrows() {
        return db.sql("""
                        WITH ledger AS (SELECT a.unit, sum(e.amount)::bigint AS total FROM ledger_entry e
                                        JOIN account a ON a.id = e.account_id
                                        WHERE a.code = 'booking_escrow' AND a.owner_id IS NULL GROUP BY a.unit),
                             booked AS (SELECT currency AS unit,
                                          sum(paid_minor - refunded_minor - released_minor)::bigint AS total
                                        FROM booking_payment GROUP BY currency)
                        SELECT COALESCE(l.unit, b.unit) AS unit, COALESCE(b.total, 0) AS expected,
                          COALESCE(l.total, 0) AS actual
                        FROM ledger l FULL JOIN booked b ON b.unit = l.unit
                        WHERE COALESCE(b.total, 0) <> COALESCE(l.total, 0) ORDER BY 1""")
                .map((row, meta) -> new Discrepancy(ReconciliationRules.BOOKING_ESCROW,
                        "booking escrow in " + row.get("unit", String.class) + ": paid - refunded - released vs ledger",
                        row.get("expected", Long.class), row.get("actual", Long.class), row.get("unit", String.class)))
                .all();
    }

    private Flux<Discrepancy> packageEscrows() {
        return db.sql("""
                        WITH ledger AS (SELECT a.unit, sum(e.amount)::bigint AS total FROM ledger_entry e
                                        JOIN account a ON a.id = e.account_id
                                        WHERE a.code = 'package_escrow' AND a.owner_id IS NULL GROUP BY a.unit),
                             bought AS (SELECT currency AS unit,
                                          sum(paid_minor - released_minor - forfeited_minor - refunded_minor)::bigint AS total
                                        FROM package_purchase GROUP BY currency)
                        SELECT COALESCE(l.unit, b.unit) AS unit, COALESCE(b.total, 0) AS expected,
                          COALESCE(l.total, 0) AS actual
                        FROM ledger l FULL JOIN bought b ON b.unit = l.unit
                        WHERE COALESCE(b.total, 0) <> COALESCE(l.total, 0) ORDER BY 1""")
                .map((row, meta) -> new Discrepancy(ReconciliationRules.PACKAGE_ESCROW,
                        "package escrow in " + row.get("unit", String.class)
                                + ": paid - released - forfeited - refunded vs ledger",
                        row.get("expected", Long.class), row.get("actual", Long.class), row.get("unit", String.class)))
                .all();
    }

    private Flux<Discrepancy> bookings() {
        return db.sql("""
                        WITH moves AS (
                          SELECT regexp_replace(t.reference, '^BOOKING-(PAY|REFUND|RELEASE)-', '') AS booking_id,
                            a.code, e.amount
                          FROM ledger_transaction t
                          JOIN ledger_entry e ON e.transaction_id = t.id
                          JOIN account a ON a.id = e.account_id
                          WHERE t.kind IN ('booking_payment', 'booking_refund', 'booking_release')),
                        per_booking AS (
                          SELECT b.booking_id, b.currency,
                            b.paid_minor - b.refunded_minor - b.released_minor AS expected_escrow,
                            COALESCE(sum(m.amount) FILTER (WHERE m.code = 'booking_escrow'), 0)::bigint AS escrow,
                            b.commission_minor AS expected_commission,
                            COALESCE(sum(m.amount) FILTER (WHERE m.code = 'platform_commission'), 0)::bigint AS commission,
                            b.released_minor - b.commission_minor AS expected_earnings,
                            COALESCE(sum(m.amount) FILTER (WHERE m.code = 'earnings'), 0)::bigint AS earnings
                          FROM booking_payment b LEFT JOIN moves m ON m.booking_id = b.booking_id
                          GROUP BY b.booking_id)
                        SELECT * FROM per_booking
                        WHERE escrow <> expected_escrow OR commission <> expected_commission
                           OR earnings <> expected_earnings
                        ORDER BY booking_id""")
                .map((row, meta) -> {
                    String booking = row.get("booking_id", String.class);
                    String unit = row.get("currency", String.class);
                    List<Discrepancy> found = new ArrayList<>();
                    compare(found, booking, "escrow", row.get("expected_escrow", Long.class), row.get("escrow", Long.class), unit);
                    compare(found, booking, "commission", row.get("expected_commission", Long.class),
                            row.get("commission", Long.class), unit);
                    compare(found, booking, "earnings", row.get("expected_earnings", Long.class),
                            row.get("earnings", Long.class), unit);
                    return found;
                })
                .all()
                .flatMapIterable(found -> found);
    }

    private static void compare(List<Discrepancy> found, String booking, String what, long expected, long actual,
                                String unit) {
        if (expected != actual) {
            found.add(new Discrepancy(ReconciliationRules.BOOKING_PAYMENT, "booking " + booking + ": " + what
                    + " in the ledger vs its payment record", expected, actual, unit));
        }
    }

    private Flux<TutorMinutes> tutors() {
        return db.sql("""
                        WITH tutor AS (SELECT DISTINCT owner_id AS id FROM account WHERE owner_id IS NOT NULL)
                        SELECT t.id,
                          COALESCE((SELECT sum(minutes) FROM hours_purchase p WHERE p.tutor_id = t.id), 0)::bigint AS purchased,
                          COALESCE((SELECT sum(used_minutes) FROM hours_hold h
                                    WHERE h.tutor_id = t.id AND h.status = 'settled'), 0)::bigint AS consumed,
                          COALESCE((SELECT balance FROM account a
                                    WHERE a.owner_id = t.id AND a.code = 'hours_held' AND a.unit = 'MIN'), 0) AS held,
                          COALESCE((SELECT balance FROM account a
                                    WHERE a.owner_id = t.id AND a.code = 'hours_available' AND a.unit = 'MIN'), 0) AS available,
                          COALESCE((SELECT sum(minutes) FROM hours_hold h
                                    WHERE h.tutor_id = t.id AND h.status = 'held'), 0)::bigint AS open_holds
                        FROM tutor t ORDER BY t.id""")
                .map((row, meta) -> new TutorMinutes(row.get("id", Long.class), row.get("purchased", Long.class),
                        row.get("consumed", Long.class), row.get("held", Long.class), row.get("available", Long.class),
                        row.get("open_holds", Long.class)))
                .all();
    }
}
