package io.coachwork.platform.test.stripe;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for the few Stripe API calls Coachwork makes, so stripe-java runs for real
 * against HTTP in tests and on the local stack: {@code POST /v1/payment_intents},
 * {@code GET /v1/payment_intents/{id}}, {@code POST /v1/payment_intents/{id}/confirm} (the card
 * payment, as Stripe.js would do it: it succeeds, or is declined with HTTP 402 when
 * {@code payment_method} is {@value #DECLINED_CARD}, Stripe's own declining test card),
 * {@code POST /v1/payment_intents/{id}/cancel} and {@code POST /v1/refunds}. State lives in memory.
 * Requests need {@code Authorization: Bearer sk_...}; a repeated {@code Idempotency-Key} returns the
 * first answer, as Stripe does.
 * <p>
 * Webhooks are built and signed by {@link StripeWebhooks}. Started with a webhook URL and secret,
 * the stand-in also delivers, as Stripe would, the webhooks its server-side calls cause:
 * {@code payment_intent.canceled} after a cancel and {@code charge.refunded} after a refund (shortly
 * after answering, retried a few times on failure). The payment itself is the customer's action,
 * so its webhook is delivered by whoever completes it (tests, dev/topup, dev/pay).
 * <p>
 * {@code LocalStripe <port> [<webhook-url> <webhook-secret>]} runs it standalone (dev/stack) and prints
 * {@code STRIPE READY <url>}.
 */
public final class LocalStripe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, ObjectNode> paymentIntents = new ConcurrentHashMap<>();
    private final List<ObjectNode> refunds = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> idempotentAnswers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final WebhookSender webhooks;
    private final DisposableServer server;

    /** Stripe's largest charge in minor units; a larger amount is refused as Stripe refuses it. */
    public static final long MAX_AMOUNT = 99_999_999L;

    /** Stripe's test card that is always declined. */
    public static final String DECLINED_CARD = "pm_card_chargeDeclined";

    private LocalStripe(int port, Clock clock, WebhookSender webhooks) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .route(routes -> routes
                        .post("/v1/payment_intents", (req, res) -> handle(req, res, form -> createIntent(req, form)))
                        .get("/v1/payment_intents/{id}", (req, res) -> handle(req, res, form -> intent(req.param("id"))))
                        .post("/v1/payment_intents/{id}/confirm", (req, res) -> handle(req, res,
                                form -> DECLINED_CARD.equals(form.get("payment_method"))
                                        ? declined(req.param("id")) : confirm(req.param("id"))))
                        .post("/v1/payment_intents/{id}/cancel", (req, res) -> handle(req, res, form -> cancel(req.param("id"), form)))
                        .post("/v1/refunds", (req, res) -> handle(req, res, form -> refund(req, form)))
                        .route(req -> true, (req, res) -> send(res, Answer.error(404, "invalid_request_error",
                                "Unrecognized request URL (" + req.method() + ": " + req.uri() + ")", null, null))))
                .bindNow();
    }

    /** Starts on {@code port} (0 = any free port) on the loopback interface. */
    public static LocalStripe start(int port) {
        return new LocalStripe(port, Clock.systemUTC(), null);
    }

    /** Starts on {@code port} and delivers the webhooks of cancels and refunds to {@code webhookUrl}, signed with {@code webhookSecret}. */
    public static LocalStripe start(int port, String webhookUrl, String webhookSecret) {
        return new LocalStripe(port, Clock.systemUTC(), new WebhookSender(URI.create(webhookUrl), webhookSecret));
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 12111;
        LocalStripe stripe = args.length >= 3 ? start(port, args[1], args[2]) : start(port);
        System.out.println("STRIPE READY " + stripe.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    public int port() {
        return server.port();
    }

    /** The value for stripe-java's API base ({@code coachwork.stripe.api-base}). */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The stored PaymentIntent as Stripe's API would return it. */
    public Optional<JsonNode> paymentIntent(String id) {
        return Optional.ofNullable(paymentIntents.get(id)).map(JsonNode::deepCopy);
    }

    /** The refunds made against a PaymentIntent, oldest first. */
    public List<JsonNode> refundsOf(String paymentIntentId) {
        return refunds.stream()
                .filter(r -> paymentIntentId.equals(r.path("payment_intent").asString()))
                .map(r -> (JsonNode) r.deepCopy())
                .toList();
    }

    /** Completes the card payment of a PaymentIntent (what the customer's confirmation does) and returns it. */
    public JsonNode succeed(String paymentIntentId) {
        Answer answer = confirm(paymentIntentId);
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.body().toString());
        }
        return answer.body();
    }

    /** Records a declined card on a PaymentIntent and returns it. */
    public JsonNode decline(String paymentIntentId, String message) {
        ObjectNode pi = paymentIntents.get(paymentIntentId);
        if (pi == null) {
            throw new IllegalArgumentException("no PaymentIntent " + paymentIntentId);
        }
        synchronized (pi) {
            pi.put("status", "requires_payment_method");
            ObjectNode error = pi.putObject("last_payment_error");
            error.put("type", "card_error");
            error.put("code", "card_declined");
            error.put("decline_code", "generic_decline");
            error.put("message", message);
            return pi.deepCopy();
        }
    }

    /** The signed {@code payment_intent.succeeded} webhook for a PaymentIntent, after completing its payment. */
    public StripeWebhooks.SignedWebhook succeededWebhook(String paymentIntentId, String webhookSecret, Instant at) {
        return StripeWebhooks.signed(webhookSecret, "payment_intent.succeeded", succeed(paymentIntentId), at);
    }

    /** The signed {@code payment_intent.payment_failed} webhook for a PaymentIntent whose card was declined. */
    public StripeWebhooks.SignedWebhook failedWebhook(String paymentIntentId, String webhookSecret, Instant at) {
        return StripeWebhooks.signed(webhookSecret, "payment_intent.payment_failed",
                decline(paymentIntentId, "Your card was declined."), at);
    }

    /** The signed {@code payment_intent.canceled} webhook of a PaymentIntent as it is now (after a cancel). */
    public StripeWebhooks.SignedWebhook canceledWebhook(String paymentIntentId, String webhookSecret, Instant at) {
        return StripeWebhooks.signed(webhookSecret, "payment_intent.canceled", paymentIntent(paymentIntentId)
                .orElseThrow(() -> new IllegalArgumentException("no PaymentIntent " + paymentIntentId)), at);
    }

    /**
     * The signed {@code charge.refunded} webhook of a paid PaymentIntent's charge as it is now:
     * {@code amount_refunded} is the total refunded so far. Like Stripe since API version 2022-11-15,
     * the charge does not list its refunds.
     */
    public StripeWebhooks.SignedWebhook refundedWebhook(String paymentIntentId, String webhookSecret, Instant at) {
        return StripeWebhooks.signed(webhookSecret, "charge.refunded", charge(paymentIntentId), at);
    }

    /** The charge of a paid PaymentIntent, as {@code GET /v1/charges/{id}} would return it. */
    public JsonNode charge(String paymentIntentId) {
        ObjectNode pi = paymentIntents.get(paymentIntentId);
        if (pi == null || pi.path("latest_charge").isNull() || pi.path("latest_charge").isMissingNode()) {
            throw new IllegalArgumentException("PaymentIntent " + paymentIntentId + " has no charge");
        }
        synchronized (pi) {
            long refunded = pi.path("amount_refunded").asLong(0);
            ObjectNode charge = JSON.createObjectNode();
            charge.put("id", pi.path("latest_charge").asString());
            charge.put("object", "charge");
            charge.put("amount", pi.path("amount").asLong());
            charge.put("amount_captured", pi.path("amount_received").asLong());
            charge.put("amount_refunded", refunded);
            charge.put("captured", true);
            charge.put("created", pi.path("created").asLong());
            charge.put("currency", pi.path("currency").asString());
            charge.put("livemode", false);
            charge.set("metadata", pi.path("metadata").deepCopy());
            charge.put("paid", true);
            charge.put("payment_intent", paymentIntentId);
            charge.put("payment_method", pi.path("payment_method").asString());
            charge.put("refunded", refunded >= pi.path("amount_received").asLong());
            charge.put("status", "succeeded");
            return charge;
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    // --- API -------------------------------------------------------------------------------------

    private Answer createIntent(HttpServerRequest req, Map<String, Object> form) {
        String key = req.requestHeaders().get("Idempotency-Key");
        if (key != null && idempotentAnswers.containsKey("pi:" + key)) {
            return Answer.ok(idempotentAnswers.get("pi:" + key).deepCopy());
        }
        Long amount = positiveLong(form.get("amount"));
        if (amount == null) {
            return Answer.error(400, "invalid_request_error", "Missing required param: amount.", "amount", "parameter_missing");
        }
        if (amount > MAX_AMOUNT) {
            return Answer.error(400, "invalid_request_error", "Amount must be no more than 99999999 in the smallest "
                    + "currency unit.", "amount", "amount_too_large");
        }
        Object currency = form.get("currency");
        if (!(currency instanceof String c) || !c.matches("[A-Za-z]{3}")) {
            return Answer.error(400, "invalid_request_error", "Missing required param: currency.", "currency",
                    "parameter_missing");
        }
        String id = "pi_" + random(24);
        ObjectNode pi = JSON.createObjectNode();
        pi.put("id", id);
        pi.put("object", "payment_intent");
        pi.put("amount", amount);
        pi.put("amount_capturable", 0);
        pi.put("amount_received", 0);
        ObjectNode automatic = pi.putObject("automatic_payment_methods");
        automatic.put("enabled", true);
        automatic.put("allow_redirects", "always");
        pi.putNull("canceled_at");
        pi.putNull("cancellation_reason");
        pi.put("capture_method", "automatic");
        pi.put("client_secret", id + "_secret_" + random(24));
        pi.put("confirmation_method", "automatic");
        pi.put("created", clock.instant().getEpochSecond());
        pi.put("currency", c.toLowerCase(Locale.ROOT));
        pi.putNull("customer");
        pi.put("description", form.get("description") instanceof String d ? d : null);
        pi.putNull("last_payment_error");
        pi.putNull("latest_charge");
        pi.put("livemode", false);
        ObjectNode metadata = pi.putObject("metadata");
        if (form.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
        }
        pi.putNull("payment_method");
        pi.putArray("payment_method_types").add("card");
        pi.put("status", "requires_payment_method");
        paymentIntents.put(id, pi);
        if (key != null) {
            idempotentAnswers.put("pi:" + key, pi.deepCopy());
        }
        return Answer.ok(pi.deepCopy());
    }

    private Answer intent(String id) {
        ObjectNode pi = paymentIntents.get(id);
        return pi == null ? missing("payment_intent", id) : Answer.ok(pi.deepCopy());
    }

    private Answer confirm(String id) {
        ObjectNode pi = paymentIntents.get(id);
        if (pi == null) {
            return missing("payment_intent", id);
        }
        synchronized (pi) {
            String status = pi.path("status").asString();
            if (!"requires_payment_method".equals(status) && !"requires_confirmation".equals(status)) {
                return unexpectedState(pi, "confirm");
            }
            pi.put("status", "succeeded");
            pi.put("amount_received", pi.path("amount").asLong());
            pi.put("latest_charge", "ch_" + random(24));
            pi.put("payment_method", "pm_" + random(24));
            pi.putNull("last_payment_error");
            return Answer.ok(pi.deepCopy());
        }
    }

    /** Stripe's answer to confirming with a declined card: HTTP 402, and the intent keeps the error. */
    private Answer declined(String id) {
        if (!paymentIntents.containsKey(id)) {
            return missing("payment_intent", id);
        }
        JsonNode pi = decline(id, "Your card was declined.");
        Answer answer = Answer.error(402, "card_error", "Your card was declined.", null, "card_declined");
        ((ObjectNode) answer.body().path("error")).put("decline_code", "generic_decline");
        ((ObjectNode) answer.body().path("error")).set("payment_intent", pi);
        return answer;
    }

    private Answer cancel(String id, Map<String, Object> form) {
        ObjectNode pi = paymentIntents.get(id);
        if (pi == null) {
            return missing("payment_intent", id);
        }
        synchronized (pi) {
            String status = pi.path("status").asString();
            if ("succeeded".equals(status) || "canceled".equals(status)) {
                return unexpectedState(pi, "cancel");
            }
            pi.put("status", "canceled");
            pi.put("canceled_at", clock.instant().getEpochSecond());
            pi.put("cancellation_reason", form.get("cancellation_reason") instanceof String r ? r : null);
            ObjectNode canceled = pi.deepCopy();
            deliverLater("payment_intent.canceled", canceled);
            return Answer.ok(canceled.deepCopy());
        }
    }

    private Answer refund(HttpServerRequest req, Map<String, Object> form) {
        String key = req.requestHeaders().get("Idempotency-Key");
        if (key != null && idempotentAnswers.containsKey("re:" + key)) {
            return Answer.ok(idempotentAnswers.get("re:" + key).deepCopy());
        }
        if (!(form.get("payment_intent") instanceof String piId)) {
            return Answer.error(400, "invalid_request_error", "Missing required param: payment_intent.", "payment_intent",
                    "parameter_missing");
        }
        ObjectNode pi = paymentIntents.get(piId);
        if (pi == null) {
            return missing("payment_intent", piId);
        }
        synchronized (pi) {
            if (!"succeeded".equals(pi.path("status").asString())) {
                return Answer.error(400, "invalid_request_error", "This PaymentIntent does not have a successful charge to refund.",
                        "payment_intent", "charge_not_refundable");
            }
            long refundable = pi.path("amount_received").asLong() - pi.path("amount_refunded").asLong(0);
            Long requested = form.containsKey("amount") ? positiveLong(form.get("amount")) : Long.valueOf(refundable);
            if (requested == null || requested > refundable || requested <= 0) {
                return Answer.error(400, "invalid_request_error", "Refund amount (" + form.get("amount")
                        + ") is greater than unrefunded amount on charge (" + refundable + ")", "amount", "amount_too_large");
            }
            pi.put("amount_refunded", pi.path("amount_refunded").asLong(0) + requested);
            ObjectNode refund = JSON.createObjectNode();
            refund.put("id", "re_" + random(24));
            refund.put("object", "refund");
            refund.put("amount", requested);
            refund.put("charge", pi.path("latest_charge").asString());
            refund.put("created", clock.instant().getEpochSecond());
            refund.put("currency", pi.path("currency").asString());
            ObjectNode metadata = refund.putObject("metadata");
            if (form.get("metadata") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
            }
            refund.put("payment_intent", piId);
            refund.put("reason", form.get("reason") instanceof String r ? r : null);
            refund.put("status", "succeeded");
            refunds.add(refund);
            if (key != null) {
                idempotentAnswers.put("re:" + key, refund.deepCopy());
            }
            deliverLater("charge.refunded", charge(piId));
            return Answer.ok(refund.deepCopy());
        }
    }

    private void deliverLater(String type, JsonNode object) {
        if (webhooks != null) {
            webhooks.deliver(type, object);
        }
    }

    /**
     * Delivers webhooks the way Stripe does: after the API call has answered, signed at delivery
     * time, and again with a growing pause while the endpoint does not answer 2xx (five tries).
     */
    private static final class WebhookSender {

        private static final int ATTEMPTS = 5;

        private final URI url;
        private final String secret;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        WebhookSender(URI url, String secret) {
            this.url = url;
            this.secret = secret;
        }

        void deliver(String type, JsonNode object) {
            attempt(type, object, 1);
        }

        private void attempt(String type, JsonNode object, int attempt) {
            CompletableFuture.delayedExecutor(attempt == 1 ? 100 : 500L << attempt, TimeUnit.MILLISECONDS).execute(() -> {
                StripeWebhooks.SignedWebhook webhook = StripeWebhooks.signed(secret, type, object, Instant.now());
                HttpRequest request = HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Stripe-Signature", webhook.signatureHeader())
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(webhook.payload(), StandardCharsets.UTF_8)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    boolean delivered = error == null && response.statusCode() / 100 == 2;
                    System.out.println("WEBHOOK " + type + " " + webhook.eventId() + " attempt " + attempt + ": "
                            + (error != null ? error : response.statusCode() + " " + response.body()));
                    if (!delivered && attempt < ATTEMPTS) {
                        attempt(type, object, attempt + 1);
                    }
                });
            });
        }
    }

    // --- HTTP plumbing ---------------------------------------------------------------------------

    private record Answer(int status, JsonNode body) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String type, String message, String param, String code) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("type", type);
            error.put("message", message);
            if (param != null) {
                error.put("param", param);
            }
            if (code != null) {
                error.put("code", code);
            }
            return new Answer(status, body);
        }
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res, Function<Map<String, Object>, Answer> action) {
        String auth = req.requestHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer sk_")) {
            return send(res, Answer.error(401, "invalid_request_error",
                    "Invalid API Key provided: send Authorization: Bearer sk_...", null, null));
        }
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(body -> action.apply(parseForm(body)))
                .flatMap(answer -> Mono.from(send(res, answer)));
    }

    private static Publisher<Void> send(HttpServerResponse res, Answer answer) {
        return res.status(answer.status())
                .header("Content-Type", "application/json")
                .header("Request-Id", "req_" + random(14))
                .sendString(Mono.just(JSON.writeValueAsString(answer.body())))
                .then();
    }

    private static Answer missing(String kind, String id) {
        return Answer.error(404, "invalid_request_error", "No such " + kind + ": '" + id + "'", "id", "resource_missing");
    }

    private static Answer unexpectedState(ObjectNode pi, String action) {
        return Answer.error(400, "invalid_request_error", "You cannot " + action + " this PaymentIntent because it has a status of "
                + pi.path("status").asString() + ".", null, "payment_intent_unexpected_state");
    }

    /** Stripe's form encoding: {@code a=1&metadata[k]=v}; one level of brackets is all Coachwork sends. */
    static Map<String, Object> parseForm(String body) {
        Map<String, Object> form = new LinkedHashMap<>();
        if (body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            int open = key.indexOf('[');
            if (open > 0 && key.endsWith("]")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) form.computeIfAbsent(key.substring(0, open),
                        k -> new LinkedHashMap<String, Object>());
                nested.put(key.substring(open + 1, key.length() - 1), value);
            } else {
                form.put(key, value);
            }
        }
        return form;
    }

    private static Long positiveLong(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            long parsed = Long.parseLong(s);
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
