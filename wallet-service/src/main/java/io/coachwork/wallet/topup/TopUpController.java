package io.coachwork.wallet.topup;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Card top-ups of the calling tutor's wallet. */
@RestController
@RequestMapping("/api/marketplace/tutor/wallet/top-ups")
public class TopUpController {

    private final TopUpService topUps;

    public TopUpController(TopUpService topUps) {
        this.topUps = topUps;
    }

    /** {@code amount} in major units of the wallet currency, e.g. {@code 500.0}. */
    public record TopUpRequest(@NotNull(message = "amount is required") BigDecimal amount) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<TopUpViews.Created>> create(@Valid @RequestBody TopUpRequest request, CurrentUser tutor) {
        return topUps.create(tutor.id(), request.amount())
                .map(created -> ApiResponse.ok("Top-up created; complete the card payment to credit your wallet", created));
    }

    @GetMapping("/{id}")
    public Mono<ApiResponse<TopUpViews.Status>> status(@PathVariable String id, CurrentUser tutor) {
        UUID topUpId;
        try {
            topUpId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("Top-up not found"));
        }
        return topUps.status(tutor.id(), topUpId).map(ApiResponse::ok);
    }
}
