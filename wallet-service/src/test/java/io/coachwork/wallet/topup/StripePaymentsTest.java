package io.coachwork.wallet.topup;

import io.coachwork.platform.web.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class StripePaymentsTest {

    @Test
    void withoutAnApiKeyCardPaymentsAreUnavailable() {
        StripePayments payments = new StripePayments(new StripeProperties(null, null, "whsec_x"));

        assertThat(payments.configured()).isFalse();
        StepVerifier.create(payments.createPaymentIntent(UUID.randomUUID(), 1, 50000, "NGN"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class).hasMessage("Card payments are not configured");
                    assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                })
                .verify();
    }
}
