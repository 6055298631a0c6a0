package io.coachwork.scheduling.slots;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.TextHygiene;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 002's slot endpoints, exactly as its table lists them. */
@RestController
public class SlotController {

    private static final String SLOTS = "/api/teaching/slots";

    private final SlotService slots;
    private final SlotSearch search;
    private final JsonMapper json;

    public SlotController(SlotService slots, SlotSearch search, JsonMapper json) {
        this.slots = slots;
        this.search = search;
        this.json = json;
    }

    /** One slot as an object, several as an array or as {@code {"slots": [...]}}; created all or none. */
    @PostMapping(SLOTS)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<SlotViews.Created>> create(@RequestBody JsonNode body, CurrentUser tutor) {
        List<SlotRequest> requests = requests(body);
        return slots.create(tutor, requests).map(created -> ApiResponse.ok(
                created.size() == 1 ? "Slot created successfully" : created.size() + " slots created successfully",
                new SlotViews.Created(created.stream().map(SlotViews.SlotView::of).toList())));
    }

    @GetMapping(SLOTS + "/my")
    public Mono<ApiResponse<SlotViews.SlotPage>> mine(@RequestParam(name = "include_past", required = false) String includePast,
                                                      @RequestParam(required = false) String page,
                                                      @RequestParam(required = false) String limit, CurrentUser tutor) {
        return slots.mine(tutor, "true".equalsIgnoreCase(includePast), page, limit).map(ApiResponse::ok);
    }

    @GetMapping(SLOTS + "/provider/{id}")
    public Mono<ApiResponse<SlotViews.Search>> provider(@PathVariable long id,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to,
                                                        @RequestParam(name = "session_type", required = false) String type,
                                                        @RequestParam(required = false) String tz,
                                                        @RequestParam(name = "duration_minutes", required = false) String minutes,
                                                        CurrentUser caller) {
        return search.search(caller, id, new SlotSearch.Query(from, to, type, tz, minutes)).map(ApiResponse::ok);
    }

    @PatchMapping(SLOTS + "/{id}")
    public Mono<ApiResponse<SlotViews.SlotView>> update(@PathVariable long id, @RequestBody JsonNode body,
                                                        CurrentUser tutor) {
        SlotRequest change = request(body, "");
        return slots.update(tutor, id, change).map(s -> ApiResponse.ok("Slot updated successfully", SlotViews.SlotView.of(s)));
    }

    @DeleteMapping(SLOTS + "/{id}")
    public Mono<ApiResponse<SlotViews.SlotView>> delete(@PathVariable long id, CurrentUser tutor) {
        return slots.delete(tutor, id).map(s -> ApiResponse.ok("Slot deleted successfully", SlotViews.SlotView.of(s)));
    }

    private List<SlotRequest> requests(JsonNode body) {
        JsonNode items = body.isArray() ? body : body.isObject() && body.has("slots") ? body.get("slots") : null;
        if (items == null) {
            return List.of(request(body, ""));
        }
        if (!items.isArray()) {
            throw ApiException.invalidField("slots", "slots must be an array of slots");
        }
        List<SlotRequest> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(request(items.get(i), "Slot " + (i + 1) + ": "));
        }
        return out;
    }

    private SlotRequest request(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(prefix + "a slot must be a JSON object");
        }
        try {
            return json.treeToValue(node, SlotRequest.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "slot" : e.getPath().get(0).getPropertyName();
            throw ApiException.invalidField(field, prefix + field + (TextHygiene.refusedByCodec(e)
                    ? " must not contain control characters" : " has the wrong type"));
        }
    }
}
