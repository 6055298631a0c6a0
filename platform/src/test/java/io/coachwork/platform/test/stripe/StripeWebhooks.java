package io.coachwork.platform.test.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe webhook deliveries as Stripe makes them: an {@code event} JSON and its
 * {@code Stripe-Signature} header {@code t=<unix seconds>,v1=HMAC_SHA256(secret, t + "." + payload)}.
 * Tests and dev/topup share this one implementation.
 * <p>
 * {@code StripeWebhooks <stripe-api-base> <api-key> <webhook-secret> <payment_intent_id> <webhook-url> [succeeded|failed]}
 * completes the payment of a PaymentIntent on a running {@link LocalStripe} (or, with {@code failed},
 * pays with Stripe's declining test card), then delivers the signed {@code payment_intent.succeeded}
 * (or {@code payment_intent.payment_failed}) event to the webhook URL, printing
 * {@code WEBHOOK <status> <body>}; it exits non-zero when either step fails.
 */
public final class StripeWebhooks {

    /** The API version of stripe-java 31.0.0, the client the services use; events carry it as a pinned endpoint would. */
    public static final String API_VERSION = "2025-11-17.clover";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeWebhooks() {
    }

    /** One delivery: the exact body to POST and the {@code Stripe-Signature} header that goes with it. */
    public record SignedWebhook(String eventId, String payload, String signatureHeader) {
    }

    /** Wraps {@code object} (a PaymentIntent, a Refund...) in an event of {@code type} and signs it as of {@code at}. */
    public static SignedWebhook signed(String secret, String type, JsonNode object, Instant at) {
        String eventId = "evt_" + LocalStripe.random(24);
        ObjectNode event = JSON.createObjectNode();
        event.put("id", eventId);
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", at.getEpochSecond());
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        event.put("type", type);
        String payload = JSON.writeValueAsString(event);
        return new SignedWebhook(eventId, payload, signatureHeader(secret, at, payload));
    }

    /** {@code t=...,v1=...} for {@code payload} signed with {@code secret} at {@code at}. */
    public static String signatureHeader(String secret, Instant at, String payload) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6 || args.length == 6 && !args[5].matches("succeeded|failed")) {
            System.err.println("usage: StripeWebhooks STRIPE_API_BASE API_KEY WEBHOOK_SECRET PAYMENT_INTENT_ID WEBHOOK_URL"
                    + " [succeeded|failed]");
            System.exit(2);
        }
        boolean fail = args.length == 6 && args[5].equals("failed");
        String apiBase = args[0];
        String apiKey = args[1];
        String secret = args[2];
        String paymentIntentId = args[3];
        URI webhookUrl = URI.create(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(
                        URI.create(apiBase + "/v1/payment_intents/" + paymentIntentId + "/confirm"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(fail ? HttpRequest.BodyPublishers.ofString("payment_method=" + LocalStripe.DECLINED_CARD)
                        : HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode intent;
        if (fail && confirmed.statusCode() == 402) {
            intent = JSON.readTree(confirmed.body()).path("error").path("payment_intent");
        } else if (!fail && confirmed.statusCode() == 200) {
            intent = JSON.readTree(confirmed.body());
        } else {
            System.err.println("confirming " + paymentIntentId + " failed: " + confirmed.statusCode() + " " + confirmed.body());
            System.exit(1);
            return;
        }
        SignedWebhook webhook = signed(secret, fail ? "payment_intent.payment_failed" : "payment_intent.succeeded", intent,
                Instant.now());
        HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(webhookUrl)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", webhook.signatureHeader())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(webhook.payload(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("WEBHOOK " + delivered.statusCode() + " " + delivered.body());
        System.exit(delivered.statusCode() / 100 == 2 ? 0 : 1);
    }
}
