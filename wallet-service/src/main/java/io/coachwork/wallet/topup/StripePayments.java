package io.coachwork.wallet.topup;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Map;
import io.coachwork.platform.web.ApiException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stripe through stripe-java, with a client of its own (key and API base per instance, no global
 * state). stripe-java blocks, so every call runs on the bounded elastic scheduler.
 */
@Component
public class StripePayments {

    private static final Logger log = LoggerFactory.getLogger(StripePayments.class);

    /** What a client needs to collect the card payment. */
    public record Intent(String id, String clientSecret) {
    }

    private final StripeClient client;

    public StripePayments(StripeProperties properties) {
        if (properties.paymentsConfigured()) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(properties.apiKey())
                    .setConnectTimeout(5_000)
                    .setReadTimeout(20_000)
                    .setMaxNetworkRetries(2);
            if (StringUtils.hasText(properties.apiBase())) {
                builder.setApiBase(properties.apiBase());
            }
            this.client = builder.build();
        } else {
            this.client = null;
        }
    }

    public boolean configured() {
        return client != null;
    }

    /** A PaymentIntent for a top-up; the top-up id is its idempotency key, so a retry never makes a second one. */
    public Mono<Intent> createPaymentIntent(UUID topUpId, long tutorId, long amountMinor, String currency) {
        if (client == null) {
            return Mono.error(ApiException.unavailable("Card payments are not configured"));
        }
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountMinor)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setDescription("Coachwork wallet top-up")
                .putMetadata("tutor_id", Long.toString(tutorId))
                .putMetadata("top_up_id", topUpId.toString())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(topUpId.toString()).build();
        return Mono.fromCallable(() -> client.v1().paymentIntents().create(params, options))
                .subscribeOn(Schedulers.boundedElastic())
                .map((PaymentIntent pi) -> new Intent(pi.getId(), pi.getClientSecret()))
                .onErrorMap(StripeException.class, StripePayments::toApiException);
    }

    /**
     * A PaymentIntent for a booking (idempotency key = booking id, so a repeated command gets the same
     * intent). Fails with Stripe's own exception: the caller tells a refusal from an outage.
     */
    public Mono<PaymentIntent> createBookingIntent(String bookingId, long studentId, long tutorId, long amountMinor,
                                                   String currency, String description) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountMinor)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setDescription(description)
                .putAllMetadata(Map.of("booking_id", bookingId, "student_id", Long.toString(studentId),
                        "tutor_id", Long.toString(tutorId)))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(bookingId).build();
        return call(() -> client().v1().paymentIntents().create(params, options));
    }

    /**
     * A PaymentIntent for a session-package purchase ({@code package_purchase_id} in its metadata routes
     * its webhooks; idempotency key = purchase id). Fails with Stripe's own exception.
     */
    public Mono<PaymentIntent> createPackageIntent(String purchaseId, long studentId, long tutorId, long amountMinor,
                                                   String currency, String description) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountMinor)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setDescription(description)
                .putAllMetadata(Map.of("package_purchase_id", purchaseId, "student_id", Long.toString(studentId),
                        "tutor_id", Long.toString(tutorId)))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("package:" + purchaseId).build();
        return call(() -> client().v1().paymentIntents().create(params, options));
    }

    /** Refunds a package purchase's payment in full (idempotency key = purchase id + ":refund"). */
    public Mono<Refund> refundPackage(String paymentIntentId, long amountMinor, String purchaseId) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amountMinor)
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("package_purchase_id", purchaseId)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("package:" + purchaseId + ":refund").build();
        return call(() -> client().v1().refunds().create(params, options));
    }

    public Mono<PaymentIntent> retrieveIntent(String paymentIntentId) {
        return call(() -> client().v1().paymentIntents().retrieve(paymentIntentId));
    }

    public Mono<PaymentIntent> cancelIntent(String paymentIntentId) {
        PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build();
        return call(() -> client().v1().paymentIntents().cancel(paymentIntentId, params));
    }

    /** Refunds {@code amountMinor} of a paid PaymentIntent; {@code idempotencyKey} makes a retry return the same refund. */
    public Mono<Refund> refund(String paymentIntentId, long amountMinor, String idempotencyKey, String bookingId) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amountMinor)
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("booking_id", bookingId)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call(() -> client().v1().refunds().create(params, options));
    }

    private StripeClient client() {
        if (client == null) {
            throw new IllegalStateException("Card payments are not configured");
        }
        return client;
    }

    private static <T> Mono<T> call(Callable<T> request) {
        return Mono.fromCallable(request).subscribeOn(Schedulers.boundedElastic());
    }

    private static ApiException toApiException(StripeException e) {
        if (e instanceof InvalidRequestException) {
            String reason = e.getStripeError() != null ? e.getStripeError().getMessage() : e.getMessage();
            return ApiException.badRequest("The card payment could not be started: " + reason);
        }
        log.warn("Stripe call failed: {}", e.toString());
        return ApiException.unavailable("The card payment provider is unavailable; try again shortly");
    }
}
