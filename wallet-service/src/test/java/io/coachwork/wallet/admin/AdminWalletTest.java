package io.coachwork.wallet.admin;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.wallet.support.WalletIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin adjustments, by super admins only and never on their own wallet, go through the ledger and
 * the audit log (refusals too); admins read any wallet.
 */
class AdminWalletTest extends WalletIntegrationTest {

    @Test
    void adjustmentsCreditAndDebitTheWalletAndAreAudited() {
        long tutor = newId();
        long admin = newId();
        String token = TestJwt.token(admin, "super_admin", "admin");

        adjust(token, tutor, "100.00", "Goodwill credit for a failed session").expectStatus().isCreated().expectBody()
                .jsonPath("$.message").isEqualTo("Wallet adjusted successfully")
                .jsonPath("$.data.tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.amount").isEqualTo(100.0)
                .jsonPath("$.data.new_balance").isEqualTo(100.0)
                .jsonPath("$.data.admin_id").isEqualTo(admin);
        adjust(token, tutor, "-150", "Too much").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Adjustment would overdraw the wallet. Balance: 100.0 NGN, debit: 150.0 NGN");
        adjust(TestJwt.token(admin, "super_admin"), tutor, "-40.5", "Chargeback").expectStatus().isCreated().expectBody()
                .jsonPath("$.data.new_balance").isEqualTo(59.5);
        assertThat(walletBalance(tutor)).isEqualByComparingTo("59.5");

        get("/api/admin/wallet/audit-log?tutor_id=" + tutor, TestJwt.token(newId(), "admin")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.entries.length()").isEqualTo(3)
                .jsonPath("$.data.entries[0].amount").isEqualTo(-40.5)
                .jsonPath("$.data.entries[0].reason").isEqualTo("Chargeback")
                .jsonPath("$.data.entries[0].admin_id").isEqualTo(admin)
                .jsonPath("$.data.entries[0].action").isEqualTo("wallet_adjustment")
                .jsonPath("$.data.entries[0].outcome").isEqualTo("applied")
                .jsonPath("$.data.entries[1].amount").isEqualTo(-150.0)
                .jsonPath("$.data.entries[1].outcome").isEqualTo("refused")
                .jsonPath("$.data.entries[1].refusal")
                .isEqualTo("Adjustment would overdraw the wallet. Balance: 100.0 NGN, debit: 150.0 NGN")
                .jsonPath("$.data.entries[1].transaction_ref").doesNotExist()
                .jsonPath("$.data.entries[2].amount").isEqualTo(100.0)
                .jsonPath("$.data.pagination.total").isEqualTo(3);
        get("/api/marketplace/tutor/wallet/transactions", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.transactions[0].type").isEqualTo("adjustment")
                .jsonPath("$.data.transactions[0].direction").isEqualTo("debit")
                .jsonPath("$.data.transactions[0].balance_after").isEqualTo(59.5);
    }

    @Test
    void onlySuperAdminsAdjustNeverTheirOwnWalletAndWithinTheBoundAuditingEachRefusal() {
        long tutor = newId();
        long superAdmin = newId();
        String token = TestJwt.token(superAdmin, "super_admin", "tutor");
        adjust(TestJwt.token(newId(), "admin"), tutor, "10", "Plain admins only read").expectStatus().isForbidden();
        adjust(token, superAdmin, "500", "Myself").expectStatus().isForbidden().expectBody()
                .jsonPath("$.message").isEqualTo("Admins cannot adjust their own wallet");
        adjust(token, tutor, "1000000", "Just above the bound").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("amount must be at most 999999.99 NGN either way")
                .jsonPath("$.errors[0].field").isEqualTo("amount");
        for (String huge : new String[] {"-99999999999999999999999", "1e999999999", "9223372036854775807"}) {
            adjust(token, tutor, huge, "Overflow").expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("amount");
        }
        adjust(token, tutor, "999999.99", "At the bound").expectStatus().isCreated();
        assertThat(walletBalance(tutor)).isEqualByComparingTo("999999.99");
        assertThat(walletBalance(superAdmin)).isEqualByComparingTo("0.0");

        get("/api/admin/wallet/audit-log?tutor_id=" + superAdmin, token).expectBody()
                .jsonPath("$.data.entries.length()").isEqualTo(1)
                .jsonPath("$.data.entries[0].admin_id").isEqualTo(superAdmin)
                .jsonPath("$.data.entries[0].outcome").isEqualTo("refused")
                .jsonPath("$.data.entries[0].refusal").isEqualTo("Admins cannot adjust their own wallet");
        get("/api/admin/wallet/audit-log?tutor_id=" + tutor, token).expectBody()
                .jsonPath("$.data.entries.length()").isEqualTo(5)
                .jsonPath("$.data.entries[0].outcome").isEqualTo("applied")
                .jsonPath("$.data.entries[1].refusal").isEqualTo("amount must be at most 999999.99 NGN either way; requested 9223372036854775807")
                .jsonPath("$.data.entries[1].amount").doesNotExist()
                .jsonPath("$.data.entries[2].refusal").isEqualTo("amount must be at most 999999.99 NGN either way; requested 1E+999999999");
    }

    @Test
    void badInputIs400() {
        long tutor = newId();
        adjust(TestJwt.tutor(tutor), tutor, "1000", "Free money").expectStatus().isForbidden();
        String admin = TestJwt.token(newId(), "super_admin");
        adjust(admin, tutor, "0", "Nothing").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("amount must not be 0");
        adjust(admin, tutor, "1.001", "Fractions").expectStatus().isBadRequest();
        web.post().uri("/api/admin/wallet/adjustments").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\": 5}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'tutor_id')].message").isEqualTo("tutor_id is required")
                .jsonPath("$.errors[?(@.field == 'reason')].message").isEqualTo("reason is required");
        assertThat(walletBalance(tutor)).isEqualByComparingTo("0.0");
    }

    @Test
    void adminsSeeAnyTutorsWalletAndHours() {
        long tutor = newId();
        fund(tutor, "50.0");
        purchaseHours(tutor, "2.5").expectStatus().isOk();

        get("/api/admin/wallet/wallets/" + tutor, TestJwt.token(newId(), "admin")).expectStatus().isOk().expectBody()
                .jsonPath("$.data.tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.balance").isEqualTo(25.0)
                .jsonPath("$.data.currency").isEqualTo("NGN")
                .jsonPath("$.data.hours.hours_balance").isEqualTo(2.5)
                .jsonPath("$.data.hours.hours_held").isEqualTo(0.0)
                .jsonPath("$.data.hours.unlimited").isEqualTo(false)
                .jsonPath("$.data.hours.total_purchased").isEqualTo(2.5);
        get("/api/admin/wallet/wallets/" + tutor, TestJwt.tutor(tutor)).expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec adjust(String token, long tutorId, String amount, String reason) {
        return web.post().uri("/api/admin/wallet/adjustments")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"tutor_id\": " + tutorId + ", \"amount\": " + amount + ", \"reason\": \"" + reason + "\"}")
                .exchange();
    }
}
