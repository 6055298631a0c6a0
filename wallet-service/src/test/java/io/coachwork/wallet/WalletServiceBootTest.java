package io.coachwork.wallet;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.wallet.support.WalletIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service boots against real PostgreSQL and Kafka, migrates its database and guards its routes. */
class WalletServiceBootTest extends WalletIntegrationTest {

    @Test
    void bootsMigratesAndIsHealthy() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        Long tables = db.sql("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN "
                        + "('outbox_event', 'inbox_event', 'dead_letter', 'idempotency_key', 'directory_user', "
                        + "'account', 'ledger_transaction', 'ledger_entry', 'top_up', 'hours_purchase', 'hours_hold', "
                        + "'saga_command', 'tutor_plan', 'coaching_price', 'audit_log')")
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(tables).isEqualTo(15);
    }

    @Test
    void routesAreGuardedByRole() {
        web.get().uri("/api/marketplace/tutor/wallet").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        get("/api/marketplace/tutor/coaching/hours-balance", TestJwt.student(newId())).expectStatus().isForbidden();
        get("/api/admin/wallet/reconciliation", TestJwt.tutor(newId())).expectStatus().isForbidden();
        get("/api/admin/wallet/reconciliation", TestJwt.token(newId(), "super_admin")).expectStatus().isOk();
    }
}
