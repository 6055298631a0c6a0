package io.coachwork.scheduling.calendly;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.TextHygiene;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tutor's Calendly connection, the admins' dead letters, and the retry job on demand. */
@RestController
public class CalendlyController {

    private static final String CONNECTION = "/api/teaching/integrations/calendly";
    private static final String DEAD_LETTERS = "/api/admin/scheduling/calendly/dead-letters";

    private final CalendlyConnections connections;
    private final CalendlyDeliveries deliveries;
    private final CalendlyRetryJob retries;
    private final JsonMapper json;

    public CalendlyController(CalendlyConnections connections, CalendlyDeliveries deliveries, CalendlyRetryJob retries,
                              JsonMapper json) {
        this.connections = connections;
        this.deliveries = deliveries;
        this.retries = retries;
        this.json = json;
    }

    @PutMapping(CONNECTION)
    public Mono<ApiResponse<CalendlyViews.ConnectionView>> connect(@RequestBody JsonNode body, CurrentUser tutor) {
        return connections.connect(tutor, request(body)).map(c -> ApiResponse.ok("Calendly connected", c));
    }

    @GetMapping(CONNECTION)
    public Mono<ApiResponse<CalendlyViews.ConnectionView>> get(CurrentUser tutor) {
        return connections.get(tutor).map(ApiResponse::ok);
    }

    @DeleteMapping(CONNECTION)
    public Mono<ApiResponse<CalendlyViews.ConnectionView>> disconnect(CurrentUser tutor) {
        return connections.disconnect(tutor).map(c -> ApiResponse.ok("Calendly disconnected", c));
    }

    @GetMapping(DEAD_LETTERS)
    public Mono<ApiResponse<CalendlyViews.DeadLetterPage>> deadLetters(@RequestParam(required = false) String page,
                                                                       @RequestParam(required = false) String limit) {
        return connections.deadLetters(page, limit).map(ApiResponse::ok);
    }

    @PostMapping(DEAD_LETTERS + "/{id}/replay")
    public Mono<ApiResponse<CalendlyViews.DeliveryView>> replay(@PathVariable long id) {
        return deliveries.replay(id).map(d -> ApiResponse.ok("Dead letter replayed: " + d.status(),
                CalendlyViews.DeliveryView.of(d)));
    }

    @PostMapping("/api/admin/scheduling/calendly/jobs/retries")
    public Mono<ApiResponse<CalendlyRetryJob.Report>> retryAsAdmin() {
        return retries.run().map(r -> ApiResponse.ok("Calendly retries completed", r));
    }

    @GetMapping("/api/cron/scheduling/calendly-retries")
    public Mono<ApiResponse<CalendlyRetryJob.Report>> retryFromCron() {
        return retryAsAdmin();
    }

    private CalendlyConnections.ConnectRequest request(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the connection as a JSON object");
        }
        try {
            return json.treeToValue(body, CalendlyConnections.ConnectRequest.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "calendly" : e.getPath().get(e.getPath().size() - 1).getPropertyName();
            if (field == null) {
                field = e.getPath().get(0).getPropertyName();
            }
            throw ApiException.invalidField(field, field + (TextHygiene.refusedByCodec(e)
                    ? " must not contain control characters" : " has the wrong type"));
        }
    }
}
