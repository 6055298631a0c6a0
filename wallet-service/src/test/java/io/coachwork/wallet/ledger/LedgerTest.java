package io.coachwork.wallet.ledger;

import io.coachwork.wallet.support.WalletIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A posting inside the caller's transaction, as every caller runs it: it writes one transaction
 * with its entries in posting order and the tutors' new balances, or nothing at all.
 */
class LedgerTest extends WalletIntegrationTest {

    private static final AccountRef SALES = AccountRef.platform(AccountCode.SUBSCRIPTION_SALES, "NGN");
    private static final AccountRef ADJUSTMENTS = AccountRef.platform(AccountCode.ADJUSTMENTS, "NGN");

    @Autowired
    Ledger ledger;
    @Autowired
    TransactionalOperator tx;

    @Test
    void aPostingWritesOneTransactionWithItsEntriesInPostingOrder() {
        long tutor = newId();
        fund(tutor, "100.0");
        AccountRef wallet = AccountRef.wallet(tutor, "NGN");
        AccountRef earnings = new AccountRef(AccountCode.EARNINGS, tutor, "NGN");
        String ref = "LEDGER-ORDER-" + tutor;
        // Tutor and platform accounts alternate, and the earnings account is new: posting order is not account order.
        LedgerTransaction posting = LedgerTransaction.builder(TransactionKind.ADJUSTMENT, tutor, ref, "posting order")
                .move(ADJUSTMENTS, earnings, 500)
                .move(wallet, SALES, 3000)
                .build();

        Ledger.Posted posted = tx.transactional(ledger.post(posting)).block();

        assertThat(posted.balances()).containsExactlyInAnyOrderEntriesOf(Map.of(earnings, 500L, wallet, 7000L));
        assertThat(transactionIds(ref)).containsExactly(posted.transactionId());
        assertThat(db.sql("""
                        SELECT a.code, e.amount, e.balance_after FROM ledger_entry e JOIN account a ON a.id = e.account_id
                        WHERE e.transaction_id = :t ORDER BY e.id""")
                .bind("t", posted.transactionId())
                .map((row, meta) -> row.get("code", String.class) + " " + row.get("amount", Long.class) + " "
                        + row.get("balance_after", Long.class))
                .all().collectList().block())
                .containsExactly("adjustments -500 null", "earnings 500 500", "wallet -3000 7000", "subscription_sales 3000 null");
        assertThat(ledger.balance(wallet).block().balance()).isEqualTo(7000);
        assertThat(ledger.balance(earnings).block().balance()).isEqualTo(500);
    }

    @Test
    void aPostingThatWouldTakeACheckedBalanceBelowZeroChangesNothing() {
        long tutor = newId();
        fund(tutor, "10.0");
        AccountRef wallet = AccountRef.wallet(tutor, "NGN");
        String ref = "LEDGER-OVERDRAW-" + tutor;
        LedgerTransaction overdraw = LedgerTransaction.builder(TransactionKind.ADJUSTMENT, tutor, ref, "overdraw")
                .move(ADJUSTMENTS, new AccountRef(AccountCode.EARNINGS, tutor, "NGN"), 200)
                .move(wallet, SALES, 1500)
                .build();

        assertThatThrownBy(() -> tx.transactional(ledger.post(overdraw)).block())
                .isInstanceOfSatisfying(InsufficientBalance.class, refused -> {
                    assertThat(refused.account()).isEqualTo(wallet);
                    assertThat(refused.required()).isEqualTo(1500);
                    assertThat(refused.available()).isEqualTo(1000);
                });

        assertUntouched(tutor, ref);
    }

    /** The guard behind the lock: if its UPDATE skips a tutor posting, the statement's other writes go too. */
    @Test
    void aPostingTheGuardRefusesFailsAndLeavesNothing() {
        long tutor = newId();
        fund(tutor, "10.0");
        String ref = "LEDGER-GUARD-" + tutor;
        LedgerTransaction charge = LedgerTransaction.builder(TransactionKind.ADJUSTMENT, tutor, ref, "guarded")
                .move(AccountRef.wallet(tutor, "NGN"), SALES, 400)
                .build();
        // The lock reads 1000, which allows the charge; the trigger makes the guarded UPDATE skip the tutor's rows,
        // as it would a balance that changed after the read.
        String skip = "ledger_test_skip_" + tutor;
        execute("CREATE FUNCTION " + skip + "() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'");
        execute("CREATE TRIGGER " + skip + " BEFORE UPDATE ON account FOR EACH ROW WHEN (OLD.owner_id = " + tutor
                + ") EXECUTE FUNCTION " + skip + "()");
        try {
            assertThatThrownBy(() -> tx.transactional(ledger.post(charge)).block())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ledger guard refused a checked posting in transaction ");
        } finally {
            execute("DROP TRIGGER " + skip + " ON account");
            execute("DROP FUNCTION " + skip + "()");
        }

        assertUntouched(tutor, ref);
    }

    /** No transaction under {@code ref}, no entry beyond the top-up's, the wallet at its 10.0 NGN and no earnings. */
    private void assertUntouched(long tutor, String ref) {
        assertThat(transactionIds(ref)).isEmpty();
        assertThat(db.sql("""
                        SELECT count(*) AS n FROM ledger_entry e JOIN account a ON a.id = e.account_id
                        WHERE a.owner_id = :t""")
                .bind("t", tutor).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("SELECT code, balance FROM account WHERE owner_id = :t ORDER BY code").bind("t", tutor)
                .map((row, meta) -> row.get("code", String.class) + " " + row.get("balance", Long.class))
                .all().collectList().block())
                .containsExactly("wallet 1000");
    }

    private List<Long> transactionIds(String ref) {
        return db.sql("SELECT id FROM ledger_transaction WHERE reference = :r").bind("r", ref)
                .map((row, meta) -> row.get("id", Long.class)).all().collectList().block();
    }

    private void execute(String sql) {
        db.sql(sql).fetch().rowsUpdated().block();
    }
}
