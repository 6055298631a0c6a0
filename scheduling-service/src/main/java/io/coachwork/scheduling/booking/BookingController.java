package io.coachwork.scheduling.booking;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.TextHygiene;
import io.coachwork.scheduling.booking.domain.PaymentStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 002's booking endpoints: book and pay, cancel, and the student's and tutor's lists. */
@RestController
public class BookingController {

    private final BookingService bookings;
    private final JsonMapper json;

    public BookingController(BookingService bookings, JsonMapper json) {
        this.bookings = bookings;
        this.json = json;
    }

    /**
     * 201 with the booking in PENDING_PAYMENT and the PaymentIntent's client secret; 202 with the hold
     * when wallet-service has not answered in time (read it again with GET /api/teaching/bookings/:id).
     */
    @PostMapping("/api/teaching/sessions/book")
    public Mono<ResponseEntity<ApiResponse<BookingViews.BookingView>>> book(@RequestBody JsonNode body,
                                                                            CurrentUser student) {
        BookRequest request = read(body, BookRequest.class, "booking");
        return bookings.book(student, request).map(b -> ResponseEntity.status(b.status()).body(ApiResponse.ok(
                message(b), BookingViews.BookingView.of(b.booking(), student.id()))));
    }

    private static String message(BookingService.Booked booked) {
        if (booked.booking().paymentStatus() == PaymentStatus.PACKAGE_CREDIT) {
            return "Booked with a package credit";
        }
        if (booked.booking().paymentStatus() == PaymentStatus.PACKAGE_PENDING) {
            return "Seat held: your package credit is being applied";
        }
        return booked.status().value() == 201 ? "Seat held: complete the payment before the hold expires"
                : "Seat held: the payment is being prepared";
    }

    @PatchMapping("/api/teaching/sessions/{id}/cancel")
    public Mono<ResponseEntity<ApiResponse<Object>>> cancel(@PathVariable String id,
                                                            @RequestBody(required = false) JsonNode body,
                                                            CurrentUser caller) {
        String reason = null;
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            reason = read(body, CancelRequest.class, "cancel").reason();
        }
        return bookings.cancel(caller, id, reason)
                .map(c -> ResponseEntity.status(c.status()).body(ApiResponse.ok(c.message(), c.data())));
    }

    public record CancelRequest(String reason) {
    }

    @GetMapping("/api/teaching/sessions/my")
    public Mono<ApiResponse<BookingViews.BookingPage>> mine(@RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit,
                                                            CurrentUser student) {
        return bookings.page(student, false, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/teaching/sessions/instructor")
    public Mono<ApiResponse<BookingViews.BookingPage>> instructor(@RequestParam(required = false) String page,
                                                                  @RequestParam(required = false) String limit,
                                                                  CurrentUser tutor) {
        return bookings.page(tutor, true, page, limit).map(ApiResponse::ok);
    }

    @GetMapping("/api/teaching/bookings")
    public Mono<ApiResponse<BookingViews.BookingPage>> bookings(@RequestParam(required = false) String page,
                                                                @RequestParam(required = false) String limit,
                                                                CurrentUser student) {
        return mine(page, limit, student);
    }

    @GetMapping("/api/teaching/bookings/{id}")
    public Mono<ApiResponse<BookingViews.BookingView>> get(@PathVariable String id, CurrentUser caller) {
        return bookings.get(caller, id).map(ApiResponse::ok);
    }

    /** Read here rather than by the codec, so a value of the wrong type is refused naming its field. */
    private <T> T read(JsonNode body, Class<T> type, String what) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The " + what + " must be a JSON object");
        }
        try {
            return json.treeToValue(body, type);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? what : e.getPath().get(0).getPropertyName();
            throw ApiException.invalidField(field, field + (TextHygiene.refusedByCodec(e)
                    ? " must not contain control characters" : " has the wrong type"));
        }
    }
}
