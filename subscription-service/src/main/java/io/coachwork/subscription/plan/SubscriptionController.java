package io.coachwork.subscription.plan;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.subscription.usage.LimitsService;
import io.coachwork.subscription.usage.LimitsView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 000's subscription endpoints for the calling tutor. */
@RestController
@RequestMapping("/api/marketplace/tutor/subscription")
public class SubscriptionController {

    private final SubscriptionService subscriptions;
    private final LimitsService limits;
    private final String displayCurrency;

    public SubscriptionController(SubscriptionService subscriptions, LimitsService limits,
                                  @Value("${coachwork.subscription.display-currency:USD}") String displayCurrency) {
        this.subscriptions = subscriptions;
        this.limits = limits;
        this.displayCurrency = displayCurrency;
    }

    public record SubscribeRequest(@NotBlank(message = "subscription_tier is required") String subscriptionTier,
                                   Boolean autoRenew) {
    }

    @GetMapping
    public Mono<ApiResponse<SubscriptionViews.Current>> current(CurrentUser tutor) {
        return subscriptions.current(tutor.id())
                .map(s -> ApiResponse.ok(SubscriptionViews.Current.of(s.subscription(), s.tier(), displayCurrency)));
    }

    /** 200 once the change is made (paid tiers after the wallet is charged); 202 while the charge is pending. */
    @PostMapping
    public Mono<ResponseEntity<ApiResponse<?>>> subscribe(@Valid @RequestBody SubscribeRequest request,
                                                          CurrentUser tutor) {
        return subscriptions.subscribe(tutor.id(), tutor.tutorType(), request.subscriptionTier().trim().toLowerCase(),
                        request.autoRenew())
                .map(outcome -> outcome instanceof SubscriptionService.Done done
                        ? ResponseEntity.ok(ApiResponse.ok("Subscription updated successfully",
                        SubscriptionViews.Updated.of(done.subscribed().subscription(), done.subscribed().tier())))
                        : pending((SubscriptionService.Pending) outcome));
    }

    private static ResponseEntity<ApiResponse<?>> pending(SubscriptionService.Pending pending) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(
                "Subscription change is pending: your wallet is being charged",
                new SubscriptionViews.PendingChange(pending.sagaId().toString(), pending.tier().code(), "pending")));
    }

    @GetMapping("/changes/{sagaId}")
    public Mono<ApiResponse<SubscriptionViews.Change>> change(@PathVariable String sagaId, CurrentUser tutor) {
        return subscriptions.change(tutor.id(), sagaId).map(ApiResponse::ok);
    }

    @GetMapping("/limits")
    public Mono<ApiResponse<LimitsView>> limits(CurrentUser tutor) {
        return limits.limits(tutor.id()).map(ApiResponse::ok);
    }
}
