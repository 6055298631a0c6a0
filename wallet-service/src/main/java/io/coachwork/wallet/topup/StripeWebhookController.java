package io.coachwork.wallet.topup;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.wallet.packages.PackagePurchases;
import io.coachwork.wallet.payment.BookingPayments;
import java.time.Clock;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Stripe's webhook endpoint. Public (Stripe sends no JWT): every delivery must carry a valid
 * {@code Stripe-Signature} for the raw body, checked with the endpoint's secret within Stripe's
 * five-minute tolerance. Events Coachwork does not use are acknowledged and ignored, so Stripe
 * stops retrying them.
 * <p>
 * PaymentIntents whose metadata names a {@code booking_id} are booking payments ({@link BookingPayments});
 * those naming a {@code package_purchase_id} pay for session packages ({@link PackagePurchases}); the
 * others are top-ups. Refunds are learnt from {@code charge.refunded}, which Stripe sends for full
 * and partial refunds with the charge's cumulative {@code amount_refunded} (the {@code refund.*}
 * events are acknowledged and ignored: each would only repeat what that total already says).
 */
@RestController
public class StripeWebhookController {

    public static final String PAYMENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    public static final String PAYMENT_CANCELED = "payment_intent.canceled";
    public static final String CHARGE_REFUNDED = "charge.refunded";

    private final TopUpService topUps;
    private final BookingPayments bookings;
    private final PackagePurchases packages;
    private final StripeProperties properties;
    private final Clock clock;

    public StripeWebhookController(TopUpService topUps, BookingPayments bookings, PackagePurchases packages,
                                   StripeProperties properties, Clock clock) {
        this.topUps = topUps;
        this.bookings = bookings;
        this.packages = packages;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/webhooks/stripe")
    public Mono<ApiResponse<TopUpViews.WebhookAck>> receive(@RequestBody(required = false) String payload,
                                                            @RequestHeader(name = "Stripe-Signature", required = false)
                                                            String signature) {
        return Mono.fromCallable(() -> verified(payload, signature)).flatMap(event -> {
            Mono<Boolean> handled = switch (event.getType()) {
                case PAYMENT_SUCCEEDED -> {
                    PaymentIntent intent = paymentIntent(event);
                    yield BookingPayments.bookingOf(intent).map(b -> bookings.paymentSucceeded(b, intent))
                            .or(() -> PackagePurchases.purchaseOf(intent).map(p -> packages.paymentSucceeded(p, intent)))
                            .orElseGet(() -> topUps.paymentSucceeded(intent));
                }
                case PAYMENT_FAILED -> {
                    PaymentIntent intent = paymentIntent(event);
                    yield BookingPayments.bookingOf(intent).map(b -> bookings.paymentFailed(b, intent))
                            .or(() -> PackagePurchases.purchaseOf(intent).map(p -> packages.paymentFailed(p, intent)))
                            .orElseGet(() -> topUps.paymentFailed(intent));
                }
                case PAYMENT_CANCELED -> {
                    PaymentIntent intent = paymentIntent(event);
                    yield BookingPayments.bookingOf(intent).map(b -> bookings.paymentCanceled(b, intent))
                            .or(() -> PackagePurchases.purchaseOf(intent).map(p -> packages.paymentCanceled(p, intent)))
                            .orElseGet(() -> Mono.just(false));
                }
                case CHARGE_REFUNDED -> {
                    Charge charge = object(event, Charge.class);
                    yield bookings.chargeRefunded(charge)
                            .flatMap(booking -> booking ? Mono.just(true) : packages.chargeRefunded(charge));
                }
                default -> Mono.just(false);
            };
            return handled.map(h -> ApiResponse.ok("Webhook received",
                    new TopUpViews.WebhookAck(event.getId(), event.getType(), h)));
        });
    }

    private Event verified(String payload, String signature) {
        if (!properties.webhooksConfigured()) {
            throw ApiException.unavailable("Stripe webhooks are not configured");
        }
        if (!StringUtils.hasText(signature)) {
            throw ApiException.badRequest("Missing Stripe-Signature header");
        }
        if (!StringUtils.hasText(payload)) {
            throw ApiException.badRequest("Empty webhook payload");
        }
        try {
            return Webhook.constructEvent(payload, signature, properties.webhookSecret(), Webhook.DEFAULT_TOLERANCE, clock);
        } catch (SignatureVerificationException e) {
            throw ApiException.badRequest("Invalid Stripe signature");
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Malformed Stripe event");
        }
    }

    private static PaymentIntent paymentIntent(Event event) {
        return object(event, PaymentIntent.class);
    }

    /** The event's object, also when the event's API version differs from stripe-java's. */
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        StripeObject object;
        try {
            object = data.getObject().isPresent() ? data.getObject().get() : data.deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw ApiException.badRequest("Malformed Stripe event");
        }
        if (!type.isInstance(object)) {
            throw ApiException.badRequest("Stripe event " + event.getId() + " does not carry a " + type.getSimpleName());
        }
        return type.cast(object);
    }
}
