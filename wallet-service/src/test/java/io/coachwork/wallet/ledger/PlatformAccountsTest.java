package io.coachwork.wallet.ledger;

import io.coachwork.wallet.support.WalletIntegrationTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform accounts are append-only: no purchase waits for their row, and their balance, the sum
 * of their entries, matches to the minor unit and minute what the tutors' side of the books says.
 */
class PlatformAccountsTest extends WalletIntegrationTest {

    @Autowired
    ConnectionFactory connections;

    @Test
    void aPurchaseDoesNotWaitForALockedPlatformRow() {
        long first = newId();
        fund(first, "100.0");
        purchaseHours(first, "1").expectStatus().isOk();
        long second = newId();
        fund(second, "100.0");

        Connection holder = Mono.from(connections.create()).block();
        try {
            Mono.from(holder.beginTransaction()).block();
            // The lock a balance UPDATE takes; entries referencing the row (key-share) do not conflict with it.
            Flux.from(holder.createStatement("SELECT id FROM account WHERE owner_id IS NULL FOR NO KEY UPDATE").execute())
                    .flatMap(result -> result.map((row, meta) -> row.get("id", Long.class))).blockLast();

            purchaseHours(second, "2").expectStatus().isOk();
        } finally {
            Mono.from(holder.rollbackTransaction()).then(Mono.from(holder.close())).block();
        }
        assertThat(availableMinutes(second)).isEqualTo(120);
    }

    @Test
    void concurrentPurchasesAddUpExactlyOnThePlatformSide() throws Exception {
        List<Long> tutors = LongStream.range(0, 12).mapToObj(i -> newId()).toList();
        tutors.forEach(t -> fund(t, "100.0"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> purchases = tutors.stream()
                    .<Future<?>>map(t -> pool.submit(() -> purchaseHours(t, "1.5").expectStatus().isOk()))
                    .toList();
            for (Future<?> purchase : purchases) {
                purchase.get();
            }
        } finally {
            pool.shutdown();
        }

        Long[] ids = tutors.toArray(Long[]::new);
        assertThat(platformSum("hours_sales", ids)).isEqualTo(sumOf("SELECT sum(total_minor)::bigint AS n "
                + "FROM hours_purchase WHERE tutor_id = ANY(:t)", ids)).isPositive();
        assertThat(platformSum("hours_issued", ids)).isEqualTo(-12 * 90L);
        assertThat(sumOf("SELECT count(*) AS n FROM ledger_entry e JOIN account a ON a.id = e.account_id "
                + "JOIN ledger_transaction t ON t.id = e.transaction_id "
                + "WHERE t.tutor_id = ANY(:t) AND a.owner_id IS NULL AND e.balance_after IS NOT NULL", ids)).isZero();
    }

    private long platformSum(String code, Long[] tutors) {
        return sumOf("SELECT COALESCE(sum(e.amount), 0)::bigint AS n FROM ledger_entry e "
                + "JOIN account a ON a.id = e.account_id JOIN ledger_transaction t ON t.id = e.transaction_id "
                + "WHERE a.owner_id IS NULL AND a.code = '" + code + "' AND t.tutor_id = ANY(:t)", tutors);
    }

    private long sumOf(String sql, Long[] tutors) {
        return db.sql(sql).bind("t", tutors).map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}
