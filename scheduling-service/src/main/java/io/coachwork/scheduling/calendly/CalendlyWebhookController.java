package io.coachwork.scheduling.calendly;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.scheduling.calendly.domain.CalendlySignature;
import io.coachwork.scheduling.calendly.domain.InviteeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calendly's webhook endpoint. Public (Calendly sends no JWT): each delivery must carry a valid
 * {@code Calendly-Webhook-Signature} over the raw body, made within the tolerance of our clock. Every
 * accepted {@code invitee.created} / {@code invitee.canceled} is stored and answered 200, also when
 * applying it failed (the retry job takes over) or nobody has its Calendly user connected (a dead
 * letter), so that Calendly does not retry what only we can fix. Other events are acknowledged and ignored.
 */
@RestController
public class CalendlyWebhookController {

    private static final int MAX_URI = 500;

    private final CalendlyConfig config;
    private final CalendlyDeliveries deliveries;
    private final JsonMapper json;
    private final Clock clock;

    public CalendlyWebhookController(CalendlyConfig config, CalendlyDeliveries deliveries, JsonMapper json, Clock clock) {
        this.config = config;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(CalendlyViews.WEBHOOK_PATH)
    public Mono<ApiResponse<CalendlyViews.WebhookAck>> receive(@RequestBody(required = false) byte[] body,
                                                              @RequestHeader(name = CalendlySignature.HEADER, required = false)
                                                              String signature) {
        return Mono.fromCallable(() -> verified(body, signature)).flatMap(node -> {
            String event = node.path("event").asString("");
            if (!InviteeEvent.CREATED.equals(event) && !InviteeEvent.CANCELED.equals(event)) {
                return Mono.just(ApiResponse.ok("Webhook received", new CalendlyViews.WebhookAck(event, false, false, null)));
            }
            InviteeEvent invitee = invitee(event, node.path("payload"));
            return deliveries.receive(invitee, new String(body, StandardCharsets.UTF_8))
                    .map(r -> ApiResponse.ok("Webhook received", new CalendlyViews.WebhookAck(event, true, r.duplicate(),
                            CalendlyViews.DeliveryView.of(r.delivery()))));
        });
    }

    private JsonNode verified(byte[] body, String signature) {
        CalendlySignature verifier = config.signature()
                .orElseThrow(() -> ApiException.unavailable("Calendly webhooks are not configured"));
        try {
            verifier.verify(signature, body, clock.instant());
        } catch (CalendlySignature.Refused e) {
            throw switch (e.failure()) {
                case MISSING, MALFORMED -> ApiException.badRequest(e.getMessage());
                case MISMATCH, EXPIRED -> new ApiException(HttpStatus.UNAUTHORIZED, e.getMessage(), List.of());
            };
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty webhook payload");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw ApiException.badRequest("Malformed Calendly event: not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed Calendly event: not JSON");
        }
    }

    /** The fields Coachwork uses of Calendly's invitee payload ({@code payload.scheduled_event} carries the event). */
    private static InviteeEvent invitee(String event, JsonNode payload) {
        JsonNode scheduled = payload.path("scheduled_event");
        String inviteeUri = uri(payload, "uri", "payload.uri");
        String scheduledUri = scheduled.hasNonNull("uri") ? uri(scheduled, "uri", "payload.scheduled_event.uri")
                : uri(payload, "event", "payload.event");
        String eventType = scheduled.hasNonNull("event_type") ? uri(scheduled, "event_type", "payload.scheduled_event.event_type")
                : null;
        JsonNode host = scheduled.path("event_memberships").path(0);
        String user = uri(host, "user", "payload.scheduled_event.event_memberships[0].user");
        Instant start = time(scheduled, "start_time");
        Instant end = time(scheduled, "end_time");
        try {
            return new InviteeEvent(event, inviteeUri, scheduledUri, eventType, user, start, end);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed Calendly event: " + e.getMessage());
        }
    }

    private static String uri(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw ApiException.badRequest("Malformed Calendly event: " + path + " is missing");
        }
        String text = value.asString().strip();
        if (text.length() > MAX_URI || text.indexOf('\0') >= 0 || !text.startsWith("https://")) {
            throw ApiException.badRequest("Malformed Calendly event: " + path + " is not a Calendly URI");
        }
        return text;
    }

    private static Instant time(JsonNode scheduled, String name) {
        JsonNode value = scheduled.get(name);
        if (value == null || !value.isString()) {
            throw ApiException.badRequest("Malformed Calendly event: payload.scheduled_event." + name + " is missing");
        }
        // Four-digit years only: PostgreSQL cannot store year 300000, and Calendly never sends it.
        if (!value.asString().matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})")) {
            throw ApiException.badRequest("Malformed Calendly event: payload.scheduled_event." + name
                    + " must be an ISO-8601 UTC time");
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Malformed Calendly event: payload.scheduled_event." + name
                    + " must be an ISO-8601 UTC time");
        }
    }
}
