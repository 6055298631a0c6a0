package io.coachwork.wallet.admin;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other integration test (see junit-platform.properties): the books of the whole
 * suite's activity must balance, and a tampered balance must show.
 */
@Order(Integer.MAX_VALUE)
class ReconciliationTest extends WalletIntegrationTest {

    @Test
    void theSuitesActivityReconcilesAndTamperingShows() {
        String admin = TestJwt.token(newId(), "admin");
        JsonNode report = TestEvents.json().readTree(get("/api/admin/wallet/reconciliation", admin).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).path("data");
        assertThat(report.path("discrepancies").isEmpty()).as("discrepancies: %s", report.path("discrepancies")).isTrue();
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("wallets_checked").asLong()).isGreaterThan(10);

        long tutor = newId();
        fund(tutor, "10.0");
        db.sql("UPDATE account SET balance = balance + 1 WHERE owner_id = :t AND code = 'wallet'").bind("t", tutor)
                .fetch().rowsUpdated().block();
        try {
            get("/api/admin/wallet/reconciliation", admin).expectStatus().isOk().expectBody()
                    .jsonPath("$.data.ok").isEqualTo(false)
                    .jsonPath("$.data.discrepancies.length()").isEqualTo(1)
                    .jsonPath("$.data.discrepancies[0].check").isEqualTo("account_balance")
                    .jsonPath("$.data.discrepancies[0].expected").isEqualTo(1000)
                    .jsonPath("$.data.discrepancies[0].actual").isEqualTo(1001);
        } finally {
            db.sql("UPDATE account SET balance = balance - 1 WHERE owner_id = :t AND code = 'wallet'").bind("t", tutor)
                    .fetch().rowsUpdated().block();
        }
        get("/api/admin/wallet/reconciliation", admin).expectBody().jsonPath("$.data.ok").isEqualTo(true);
    }

    /** A booking payment whose money never reached the ledger shows in its currency's escrow and on the booking. */
    @Test
    void aBookingPaymentTheLedgerDoesNotShowIsADiscrepancy() {
        String admin = TestJwt.token(newId(), "admin");
        String booking = "tampered-" + newId();
        db.sql("""
                        INSERT INTO booking_payment (booking_id, saga_id, reply_topic, student_id, tutor_id, slot_id,
                          amount_minor, currency, status, paid_minor, created_at, updated_at)
                        VALUES (:b, 's', 't', 1, 2, 3, 700, 'XTS', 'SUCCEEDED', 700, now(), now())""")
                .bind("b", booking).fetch().rowsUpdated().block();
        try {
            get("/api/admin/wallet/reconciliation", admin).expectStatus().isOk().expectBody()
                    .jsonPath("$.data.ok").isEqualTo(false)
                    .jsonPath("$.data.discrepancies.length()").isEqualTo(2)
                    .jsonPath("$.data.discrepancies[0].check").isEqualTo("booking_escrow")
                    .jsonPath("$.data.discrepancies[0].expected").isEqualTo(700)
                    .jsonPath("$.data.discrepancies[0].actual").isEqualTo(0)
                    .jsonPath("$.data.discrepancies[0].unit").isEqualTo("XTS")
                    .jsonPath("$.data.discrepancies[1].check").isEqualTo("booking_payment")
                    .jsonPath("$.data.discrepancies[1].subject").isEqualTo("booking " + booking
                            + ": escrow in the ledger vs its payment record");
        } finally {
            db.sql("DELETE FROM booking_payment WHERE booking_id = :b").bind("b", booking).fetch().rowsUpdated().block();
        }
        get("/api/admin/wallet/reconciliation", admin).expectBody().jsonPath("$.data.ok").isEqualTo(true);
    }

    /** A package purchase whose payment never reached the ledger shows in its currency's package escrow. */
    @Test
    void aPackagePaymentTheLedgerDoesNotShowIsADiscrepancy() {
        String admin = TestJwt.token(newId(), "admin");
        Long offer = db.sql("""
                        INSERT INTO session_package (tutor_id, name, session_count, duration_minutes, price_minor, currency,
                          validity_days, active, created_at, updated_at)
                        VALUES (2, 'tampered', 3, 60, 900, 'XTS', 30, false, now(), now()) RETURNING id""")
                .map((row, meta) -> row.get("id", Long.class)).one().block();
        UUID purchase = UUID.randomUUID();
        db.sql("""
                        INSERT INTO package_purchase (id, package_id, tutor_id, student_id, name, session_count, duration_minutes,
                          price_minor, currency, validity_days, status, paid_minor, created_at, updated_at)
                        VALUES (:p, :o, 2, 1, 'tampered', 3, 60, 900, 'XTS', 30, 'ACTIVE', 900, now(), now())""")
                .bind("p", purchase).bind("o", offer).fetch().rowsUpdated().block();
        try {
            get("/api/admin/wallet/reconciliation", admin).expectStatus().isOk().expectBody()
                    .jsonPath("$.data.ok").isEqualTo(false)
                    .jsonPath("$.data.discrepancies.length()").isEqualTo(1)
                    .jsonPath("$.data.discrepancies[0].check").isEqualTo("package_escrow")
                    .jsonPath("$.data.discrepancies[0].expected").isEqualTo(900)
                    .jsonPath("$.data.discrepancies[0].actual").isEqualTo(0)
                    .jsonPath("$.data.discrepancies[0].unit").isEqualTo("XTS");
        } finally {
            db.sql("DELETE FROM package_purchase WHERE id = :p").bind("p", purchase).fetch().rowsUpdated().block();
            db.sql("DELETE FROM session_package WHERE id = :o").bind("o", offer).fetch().rowsUpdated().block();
        }
        get("/api/admin/wallet/reconciliation", admin).expectBody().jsonPath("$.data.ok").isEqualTo(true);
    }
}
