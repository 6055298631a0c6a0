package io.coachwork.wallet.topup;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.coachwork.platform.test.stripe.LocalStripe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Stripe stand-in answers the calls Coachwork makes the way stripe-java expects Stripe to. */
class LocalStripeCompatibilityTest {

    private static final LocalStripe STRIPE = LocalStripe.start(0);
    private static final StripeClient CLIENT = StripeClient.builder().setApiKey("sk_test_compat")
            .setApiBase(STRIPE.baseUrl()).setMaxNetworkRetries(0).build();

    @AfterAll
    static void stop() {
        STRIPE.close();
    }

    @Test
    void paymentIntentsAreCreatedOncePerIdempotencyKeyRetrievedAndCancelled() throws Exception {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(50000L).setCurrency("ngn")
                .putMetadata("top_up_id", "t-1").build();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("t-1").build();

        PaymentIntent created = CLIENT.v1().paymentIntents().create(params, key);
        PaymentIntent again = CLIENT.v1().paymentIntents().create(params, key);

        assertThat(again.getId()).isEqualTo(created.getId());
        assertThat(created.getStatus()).isEqualTo("requires_payment_method");
        assertThat(created.getClientSecret()).startsWith(created.getId() + "_secret_");
        assertThat(created.getMetadata()).containsEntry("top_up_id", "t-1");
        assertThat(CLIENT.v1().paymentIntents().retrieve(created.getId()).getAmount()).isEqualTo(50000L);

        PaymentIntent cancelled = CLIENT.v1().paymentIntents().cancel(created.getId(),
                PaymentIntentCancelParams.builder().setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                        .build());
        assertThat(cancelled.getStatus()).isEqualTo("canceled");
        assertThat(cancelled.getCancellationReason()).isEqualTo("abandoned");
        assertThatThrownBy(() -> CLIENT.v1().paymentIntents().cancel(created.getId()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("status of canceled");
    }

    @Test
    void paidIntentsAreRefundedUpToWhatWasReceived() throws Exception {
        PaymentIntent created = CLIENT.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10000L)
                .setCurrency("ngn").build());
        assertThatThrownBy(() -> CLIENT.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(created.getId()).build())).isInstanceOf(InvalidRequestException.class);
        STRIPE.succeed(created.getId());
        assertThat(CLIENT.v1().paymentIntents().retrieve(created.getId()).getAmountReceived()).isEqualTo(10000L);

        Refund partial = CLIENT.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(created.getId())
                .setAmount(4000L).build());
        Refund rest = CLIENT.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(created.getId()).build());

        assertThat(partial.getStatus()).isEqualTo("succeeded");
        assertThat(rest.getAmount()).isEqualTo(6000L);
        assertThat(STRIPE.refundsOf(created.getId())).hasSize(2);
        assertThatThrownBy(() -> CLIENT.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(created.getId())
                .setAmount(1L).build())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CLIENT.v1().paymentIntents().cancel(created.getId()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void unknownIntentsAndMissingKeysAreStripeErrors() {
        assertThatThrownBy(() -> CLIENT.v1().paymentIntents().retrieve("pi_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getCode()).isEqualTo("resource_missing"));
        StripeClient wrongKey = StripeClient.builder().setApiKey("pk_test_publishable").setApiBase(STRIPE.baseUrl()).build();
        assertThatThrownBy(() -> wrongKey.v1().paymentIntents().retrieve("pi_missing"))
                .isInstanceOf(AuthenticationException.class);
    }
}
