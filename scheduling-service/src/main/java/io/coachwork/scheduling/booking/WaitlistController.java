package io.coachwork.scheduling.booking;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** A student waits for a seat of a full session, leaves the list, or reads their places. */
@RestController
public class WaitlistController {

    private final WaitlistService waitlist;

    public WaitlistController(WaitlistService waitlist) {
        this.waitlist = waitlist;
    }

    @PostMapping("/api/teaching/waitlist")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<BookingViews.WaitlistView>> join(@RequestBody JsonNode body, CurrentUser student) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The waitlist request must be a JSON object");
        }
        JsonNode slot = body.get("slot_id");
        if (slot != null && !slot.isNull() && !slot.isNumber()) {
            throw ApiException.invalidField("slot_id", "slot_id has the wrong type");
        }
        BigDecimal slotId = slot == null || slot.isNull() ? null : slot.decimalValue();
        return waitlist.join(student, slotId).map(e -> ApiResponse.ok("You are on the waitlist", e));
    }

    /** The same, with the slot in the path. */
    @PostMapping("/api/teaching/slots/{slotId}/waitlist")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<BookingViews.WaitlistView>> joinSlot(@PathVariable String slotId, CurrentUser student) {
        BigDecimal id;
        try {
            id = new BigDecimal(slotId);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("slot_id", "slot_id must be a positive whole number");
        }
        return waitlist.join(student, id).map(e -> ApiResponse.ok("You are on the waitlist", e));
    }

    @DeleteMapping("/api/teaching/waitlist/{slotId}")
    public Mono<ApiResponse<BookingViews.WaitlistView>> leave(@PathVariable String slotId, CurrentUser student) {
        return waitlist.leave(student, slotId).map(e -> ApiResponse.ok("You left the waitlist", e));
    }

    @GetMapping("/api/teaching/waitlist")
    public Mono<ApiResponse<BookingViews.WaitlistPage>> mine(@RequestParam(required = false) String page,
                                                             @RequestParam(required = false) String limit,
                                                             CurrentUser student) {
        return waitlist.mine(student, page, limit).map(ApiResponse::ok);
    }
}
