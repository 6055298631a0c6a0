package io.coachwork.subscription.tier;

import io.coachwork.platform.web.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The tier catalogue: public list for pricing pages, admin CRUD (seed 004 "Plan CRUD"). */
@RestController
public class TierController {

    private final TierCatalogue catalogue;

    public TierController(TierCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/subscription/tiers")
    public Mono<ApiResponse<List<TierView>>> offered() {
        return catalogue.list(false).map(tiers -> ApiResponse.ok(tiers.stream().map(TierView::of).toList()));
    }

    @GetMapping("/api/admin/subscription/tiers")
    public Mono<ApiResponse<List<TierView>>> all(@RequestParam(name = "include_inactive", defaultValue = "true") boolean includeInactive) {
        return catalogue.list(includeInactive).map(tiers -> ApiResponse.ok(tiers.stream().map(TierView::of).toList()));
    }

    @GetMapping("/api/admin/subscription/tiers/{code}")
    public Mono<ApiResponse<TierView>> get(@PathVariable String code) {
        return catalogue.get(code).map(t -> ApiResponse.ok(TierView.of(t)));
    }

    @PostMapping("/api/admin/subscription/tiers")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<TierView>> create(@Valid @RequestBody TierRequest request) {
        return catalogue.create(request).map(t -> ApiResponse.ok("Tier created successfully", TierView.of(t)));
    }

    @PutMapping("/api/admin/subscription/tiers/{code}")
    public Mono<ApiResponse<TierView>> replace(@PathVariable String code, @Valid @RequestBody TierRequest request) {
        return catalogue.replace(code, request).map(t -> ApiResponse.ok("Tier updated successfully", TierView.of(t)));
    }

    @DeleteMapping("/api/admin/subscription/tiers/{code}")
    public Mono<ApiResponse<TierView>> withdraw(@PathVariable String code) {
        return catalogue.deactivate(code).map(t -> ApiResponse.ok("Tier withdrawn", TierView.of(t)));
    }
}
