package io.coachwork.wallet.hours;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 000's coaching hours endpoints for the calling tutor. */
@RestController
@RequestMapping("/api/marketplace/tutor/coaching")
public class HoursController {

    private final HoursService hours;

    public HoursController(HoursService hours) {
        this.hours = hours;
    }

    public record PurchaseRequest(@NotNull(message = "hours is required") BigDecimal hours) {
    }

    @GetMapping("/hours-balance")
    public Mono<ApiResponse<HoursViews.Balance>> balance(CurrentUser tutor) {
        return hours.balance(tutor.id()).map(ApiResponse::ok);
    }

    @PostMapping("/purchase-hours")
    public Mono<ApiResponse<HoursViews.Purchase>> purchase(@Valid @RequestBody PurchaseRequest request, CurrentUser tutor) {
        return hours.purchase(tutor.id(), request.hours())
                .map(p -> ApiResponse.ok("Coaching hours purchased successfully", p));
    }

    @GetMapping("/purchase-history")
    public Mono<ApiResponse<HoursViews.PurchaseHistory>> history(CurrentUser tutor,
                                                                 @RequestParam(required = false) String page,
                                                                 @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(query -> hours.history(tutor.id(), query))
                .map(ApiResponse::ok);
    }
}
