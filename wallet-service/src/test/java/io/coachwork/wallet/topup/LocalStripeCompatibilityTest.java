package io.coachwork.wallet.topup;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.coachwork.platform.test.stripe.LocalStripe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    @Test
    void stripesDecliningTestCardIsACardErrorAndTheIntentKeepsTheDecline() throws Exception {
        PaymentIntent created = CLIENT.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2500L)
                .setCurrency("usd").build());

        assertThatThrownBy(() -> CLIENT.v1().paymentIntents().confirm(created.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod(LocalStripe.DECLINED_CARD).build()))
                .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.getCode()).isEqualTo("card_declined"));
        PaymentIntent declined = CLIENT.v1().paymentIntents().retrieve(created.getId());
        assertThat(declined.getStatus()).isEqualTo("requires_payment_method");
        assertThat(declined.getLastPaymentError().getMessage()).isEqualTo("Your card was declined.");
        assertThat(CLIENT.v1().paymentIntents().confirm(created.getId()).getStatus()).isEqualTo("succeeded");
        assertThatThrownBy(() -> CLIENT.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(LocalStripe.MAX_AMOUNT + 1).setCurrency("usd").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("amount_too_large"));
    }

    /** Started with a webhook URL, the stand-in delivers what its cancels and refunds cause, signed, until answered 2xx. */
    @Test
    void cancelsAndRefundsDeliverTheirSignedWebhooksAndRetryUntilAccepted() throws Exception {
        String secret = "whsec_compat";
        List<String[]> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        DisposableServer endpoint = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/hook", (req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .flatMap(body -> {
                            if (calls.incrementAndGet() == 1) {
                                return Mono.from(res.status(503).send()); // the first delivery fails: Stripe retries
                            }
                            received.add(new String[] {body, req.requestHeaders().get("Stripe-Signature")});
                            return Mono.from(res.status(200).sendString(Mono.just("{}")));
                        })))
                .bindNow();
        try (LocalStripe stripe = LocalStripe.start(0, "http://127.0.0.1:" + endpoint.port() + "/hook", secret)) {
            StripeClient client = StripeClient.builder().setApiKey("sk_test_hooks").setApiBase(stripe.baseUrl())
                    .setMaxNetworkRetries(0).build();
            PaymentIntent abandoned = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(1000L).setCurrency("usd").putMetadata("booking_id", "b-1").build());
            client.v1().paymentIntents().cancel(abandoned.getId());
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);

            Event canceled = Webhook.constructEvent(received.get(0)[0], received.get(0)[1], secret);
            assertThat(calls.get()).isEqualTo(2);
            assertThat(canceled.getType()).isEqualTo("payment_intent.canceled");
            PaymentIntent intent = (PaymentIntent) canceled.getDataObjectDeserializer().getObject().orElseThrow();
            assertThat(intent.getId()).isEqualTo(abandoned.getId());
            assertThat(intent.getStatus()).isEqualTo("canceled");

            PaymentIntent paid = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(10000L).setCurrency("usd").putMetadata("booking_id", "b-2").build());
            stripe.succeed(paid.getId());
            Refund refund = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                    .setAmount(4000L).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);

            Event refunded = Webhook.constructEvent(received.get(1)[0], received.get(1)[1], secret);
            assertThat(refunded.getType()).isEqualTo("charge.refunded");
            Charge charge = (Charge) refunded.getDataObjectDeserializer().getObject().orElseThrow();
            assertThat(charge.getPaymentIntent()).isEqualTo(paid.getId());
            assertThat(charge.getAmountRefunded()).isEqualTo(4000L);
            assertThat(charge.getRefunded()).isFalse();
            assertThat(charge.getMetadata()).containsEntry("booking_id", "b-2");
            assertThat(charge.getRefunds()).as("not expanded since API version 2022-11-15").isNull();
            assertThat(stripe.refundsOf(paid.getId())).singleElement()
                    .satisfies(r -> assertThat(r.path("id").asString()).isEqualTo(refund.getId()));
        } finally {
            endpoint.disposeNow();
        }
    }
}
