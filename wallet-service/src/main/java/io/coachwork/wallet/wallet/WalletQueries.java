package io.coachwork.wallet.wallet;

import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.WalletProperties;
import io.coachwork.wallet.ledger.AccountRef;
import io.coachwork.wallet.ledger.Ledger;
import io.coachwork.wallet.ledger.Units;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads a tutor's wallet: its balance and its statement, newest first. */
@Component
public class WalletQueries {

    private final DatabaseClient db;
    private final Ledger ledger;
    private final String currency;

    public WalletQueries(DatabaseClient db, Ledger ledger, WalletProperties properties) {
        this.db = db;
        this.ledger = ledger;
        this.currency = properties.currency();
    }

    public Mono<WalletViews.Wallet> wallet(long tutorId) {
        return ledger.balance(AccountRef.wallet(tutorId, currency))
                .map(b -> new WalletViews.Wallet(Units.money(b.balance(), currency), currency, b.updatedAt()))
                .defaultIfEmpty(new WalletViews.Wallet(Units.money(0, currency), currency, null));
    }

    public Mono<WalletViews.Transactions> transactions(long tutorId, PageQuery page) {
        String from = """
                FROM ledger_entry e
                JOIN account a ON a.id = e.account_id
                JOIN ledger_transaction t ON t.id = e.transaction_id
                WHERE a.owner_id = :tutor AND a.code = 'wallet' AND a.unit = :currency""";
        Mono<Long> total = db.sql("SELECT count(*) AS n " + from)
                .bind("tutor", tutorId).bind("currency", currency)
                .map((row, meta) -> row.get("n", Long.class)).one();
        return total.flatMap(n -> db.sql("SELECT t.id, t.kind, t.reference, t.description, t.created_at, e.amount, "
                                + "e.balance_after " + from + " ORDER BY e.id DESC LIMIT :limit OFFSET :offset")
                        .bind("tutor", tutorId).bind("currency", currency)
                        .bind("limit", page.limit()).bind("offset", page.offset())
                        .map((row, meta) -> {
                            long amount = row.get("amount", Long.class);
                            return new WalletViews.Transaction(row.get("id", Long.class), row.get("kind", String.class),
                                    amount > 0 ? "credit" : "debit", Units.money(Math.abs(amount), currency),
                                    Units.money(row.get("balance_after", Long.class), currency), currency,
                                    row.get("reference", String.class), row.get("description", String.class),
                                    row.get("created_at", OffsetDateTime.class).toInstant());
                        })
                        .all().collectList()
                        .map(items -> new WalletViews.Transactions(items, Pagination.of(n, page))));
    }
}
