package io.coachwork.wallet.ledger;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTransactionTest {

    private static final long TUTOR = 5;
    private static final AccountRef WALLET = AccountRef.wallet(TUTOR, "NGN");
    private static final AccountRef AVAILABLE = AccountRef.hoursAvailable(TUTOR);
    private static final AccountRef HELD = AccountRef.hoursHeld(TUTOR);
    private static final AccountRef SALES = AccountRef.platform(AccountCode.HOURS_SALES, "NGN");
    private static final AccountRef ISSUED = AccountRef.platformMinutes(AccountCode.HOURS_ISSUED);
    private static final AccountRef CONSUMED = AccountRef.platformMinutes(AccountCode.HOURS_CONSUMED);

    @Test
    void everyTransactionBuiltFromMovesSumsToZeroPerUnit() {
        LedgerTransaction purchase = LedgerTransaction.builder(TransactionKind.HOURS_PURCHASE, TUTOR, "ref", "buy")
                .move(WALLET, SALES, 5500)
                .move(ISSUED, AVAILABLE, 330)
                .build();

        assertThat(purchase.postings()).containsExactly(
                new LedgerTransaction.Posting(WALLET, -5500), new LedgerTransaction.Posting(SALES, 5500),
                new LedgerTransaction.Posting(ISSUED, -330), new LedgerTransaction.Posting(AVAILABLE, 330));
        assertThat(sumOf(purchase, "NGN")).isZero();
        assertThat(sumOf(purchase, Units.MINUTES)).isZero();
    }

    @Test
    void postingsOfOneAccountMergeAndZeroMovesDisappear() {
        LedgerTransaction settle = LedgerTransaction.builder(TransactionKind.HOURS_SETTLE, TUTOR, "ref", "settle")
                .move(HELD, CONSUMED, 45)
                .move(HELD, AVAILABLE, 15)
                .move(HELD, AVAILABLE, 0)
                .build();

        assertThat(settle.postings()).containsExactly(new LedgerTransaction.Posting(HELD, -60),
                new LedgerTransaction.Posting(CONSUMED, 45), new LedgerTransaction.Posting(AVAILABLE, 15));
    }

    @Test
    void unbalancedOrEmptyTransactionsAreRefused() {
        assertThatThrownBy(() -> LedgerTransaction.of(TransactionKind.ADJUSTMENT, TUTOR, "ref", "x",
                List.of(new LedgerTransaction.Posting(WALLET, 100), new LedgerTransaction.Posting(SALES, -99))))
                .hasMessage("postings in NGN sum to 1, not zero");
        assertThatThrownBy(() -> LedgerTransaction.of(TransactionKind.ADJUSTMENT, TUTOR, "ref", "x",
                List.of(new LedgerTransaction.Posting(WALLET, 100), new LedgerTransaction.Posting(ISSUED, -100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to");
        assertThatThrownBy(() -> LedgerTransaction.builder(TransactionKind.ADJUSTMENT, TUTOR, "ref", "x")
                .move(WALLET, SALES, 0).build())
                .hasMessage("a transaction moves something between at least two accounts");
        assertThatThrownBy(() -> LedgerTransaction.builder(TransactionKind.ADJUSTMENT, TUTOR, "ref", "x")
                .move(WALLET, SALES, -5))
                .hasMessage("a move takes a positive amount, not -5");
    }

    @Test
    void moneyAndMinutesNeverMix() {
        assertThatThrownBy(() -> LedgerTransaction.builder(TransactionKind.HOURS_PURCHASE, TUTOR, "ref", "x")
                .move(WALLET, AVAILABLE, 10))
                .hasMessage("cannot move NGN into MIN");
        assertThatThrownBy(() -> AccountRef.platform(AccountCode.HOURS_SALES, Units.MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTransactionTouchesOnlyItsOwnTutorsAccounts() {
        assertThatThrownBy(() -> LedgerTransaction.builder(TransactionKind.HOURS_RESERVE, TUTOR, "ref", "x")
                .move(AVAILABLE, AccountRef.hoursHeld(TUTOR + 1), 60).build())
                .hasMessageContaining("is not the transaction's tutor's");
    }

    @Test
    void aTutorAccountNeverGoesBelowZeroWhilePlatformAccountsMay() {
        LedgerTransaction reserve = LedgerTransaction.builder(TransactionKind.HOURS_RESERVE, TUTOR, "ref", "x")
                .move(AVAILABLE, HELD, 60)
                .build();
        assertThat(reserve.balancesAfter(Map.of(AVAILABLE, 60L))).containsEntry(AVAILABLE, 0L).containsEntry(HELD, 60L);
        assertThatThrownBy(() -> reserve.balancesAfter(Map.of(AVAILABLE, 59L)))
                .isInstanceOfSatisfying(InsufficientBalance.class, e -> {
                    assertThat(e.account()).isEqualTo(AVAILABLE);
                    assertThat(e.required()).isEqualTo(60);
                    assertThat(e.available()).isEqualTo(59);
                });

        LedgerTransaction purchase = LedgerTransaction.builder(TransactionKind.HOURS_PURCHASE, TUTOR, "ref", "buy")
                .move(WALLET, SALES, 1000).move(ISSUED, AVAILABLE, 60).build();
        assertThat(purchase.balancesAfter(Map.of(WALLET, 1000L))).containsEntry(ISSUED, -60L).containsEntry(WALLET, 0L);
    }

    private static long sumOf(LedgerTransaction tx, String unit) {
        return tx.postings().stream().filter(p -> p.account().unit().equals(unit))
                .mapToLong(LedgerTransaction.Posting::amount).sum();
    }
}
