package io.coachwork.wallet.packages;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
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

/** Session packages: tutors define and follow them, students buy and spend them, jobs expire them. */
@RestController
public class PackageControllers {

    private final PackageCatalog catalog;
    private final PackagePurchases purchases;
    private final PurchaseRepository purchaseRows;
    private final PackageExpiryJob expiry;

    public PackageControllers(PackageCatalog catalog, PackagePurchases purchases, PurchaseRepository purchaseRows,
                              PackageExpiryJob expiry) {
        this.catalog = catalog;
        this.purchases = purchases;
        this.purchaseRows = purchaseRows;
        this.expiry = expiry;
    }

    // --- Tutors ----------------------------------------------------------------------------------

    @PostMapping("/api/marketplace/tutor/packages")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<PackageViews.PackageView>> create(CurrentUser tutor, @RequestBody PackageRequest request) {
        return catalog.create(tutor.id(), request).map(p -> ApiResponse.ok("Package created", PackageViews.PackageView.of(p)));
    }

    @GetMapping("/api/marketplace/tutor/packages")
    public Mono<ApiResponse<PackageViews.PackagePage>> mine(CurrentUser tutor, @RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit)).flatMap(q -> catalog.page(tutor.id(), false, q))
                .map(ApiResponse::ok);
    }

    @GetMapping("/api/marketplace/tutor/packages/purchases")
    public Mono<ApiResponse<PackageViews.PurchasePage>> sold(CurrentUser tutor, @RequestParam(required = false) String page,
                                                             @RequestParam(required = false) String limit) {
        return purchasePage(tutor, "tutor_id", page, limit);
    }

    @GetMapping("/api/marketplace/tutor/packages/{id}")
    public Mono<ApiResponse<PackageViews.PackageView>> one(CurrentUser tutor, @PathVariable String id) {
        return catalog.own(tutor.id(), packageId(id)).map(p -> ApiResponse.ok(PackageViews.PackageView.of(p)));
    }

    @PatchMapping("/api/marketplace/tutor/packages/{id}")
    public Mono<ApiResponse<PackageViews.PackageView>> change(CurrentUser tutor, @PathVariable String id,
                                                              @RequestBody PackageRequest request) {
        return catalog.update(tutor.id(), packageId(id), request)
                .map(p -> ApiResponse.ok("Package updated", PackageViews.PackageView.of(p)));
    }

    @DeleteMapping("/api/marketplace/tutor/packages/{id}")
    public Mono<ApiResponse<Void>> delete(CurrentUser tutor, @PathVariable String id) {
        return catalog.delete(tutor.id(), packageId(id)).thenReturn(ApiResponse.ok("Package deleted", null));
    }

    // --- Students --------------------------------------------------------------------------------

    @GetMapping("/api/teaching/packages")
    public Mono<ApiResponse<PackageViews.PackagePage>> onSale(@RequestParam(name = "tutor_id", required = false) String tutorId,
                                                              @RequestParam(required = false) String page,
                                                              @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(q -> catalog.page(positive("tutor_id", tutorId), true, q)).map(ApiResponse::ok);
    }

    @PostMapping("/api/teaching/packages/{id}/purchase")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<PackageViews.PurchaseView>> buy(CurrentUser student, @PathVariable String id) {
        return purchases.purchase(student.id(), packageId(id)).map(p -> ApiResponse.ok(
                "Package purchase created; complete the card payment to receive your credits",
                PackageViews.PurchaseView.of(p, student.id(), List.of())));
    }

    @GetMapping("/api/teaching/package-purchases")
    public Mono<ApiResponse<PackageViews.PurchasePage>> bought(CurrentUser student,
                                                               @RequestParam(required = false) String page,
                                                               @RequestParam(required = false) String limit) {
        return purchasePage(student, "student_id", page, limit);
    }

    /** The purchase with its usage, for its student, its tutor or an admin. */
    @GetMapping("/api/teaching/package-purchases/{id}")
    public Mono<ApiResponse<PackageViews.PurchaseView>> purchase(CurrentUser caller, @PathVariable String id) {
        UUID purchaseId = PackagePurchases.uuid(id).orElseThrow(PackageControllers::purchaseNotFound);
        return purchaseRows.find(purchaseId)
                .filter(p -> p.studentId() == caller.id() || p.tutorId() == caller.id() || caller.isAdmin())
                .switchIfEmpty(Mono.error(PackageControllers::purchaseNotFound))
                .flatMap(p -> purchaseRows.credits(p.id()).map(PackageViews.Usage::of).collectList()
                        .map(usage -> ApiResponse.ok(PackageViews.PurchaseView.of(p, caller.id(), usage))));
    }

    /** Refund of a purchase none of whose credits is in use or delivered (docs/packages.md). */
    @PostMapping("/api/teaching/package-purchases/{id}/refund")
    public Mono<ApiResponse<PackageViews.PurchaseView>> refund(CurrentUser student, @PathVariable String id) {
        UUID purchaseId = PackagePurchases.uuid(id).orElseThrow(PackageControllers::purchaseNotFound);
        return purchases.refund(student.id(), purchaseId).map(p -> ApiResponse.ok(
                "Refund requested; it completes when Stripe confirms it", PackageViews.PurchaseView.of(p, student.id(),
                        List.of())));
    }

    // --- Job -------------------------------------------------------------------------------------

    @PostMapping("/api/admin/wallet/jobs/package-expiry")
    public Mono<ApiResponse<PackageViews.ExpiryReport>> expireAsAdmin() {
        return expiry.run().map(r -> ApiResponse.ok("Package expiry completed", r));
    }

    @GetMapping("/api/cron/wallet/package-credits/expire")
    public Mono<ApiResponse<PackageViews.ExpiryReport>> expireFromCron() {
        return expireAsAdmin();
    }

    private Mono<ApiResponse<PackageViews.PurchasePage>> purchasePage(CurrentUser caller, String owner, String page,
                                                                      String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit)).flatMap(q -> purchaseRows.count(owner, caller.id())
                .flatMap(total -> purchaseRows.page(owner, caller.id(), q.limit(), q.offset())
                        .map(p -> PackageViews.PurchaseView.of(p, caller.id(), null)).collectList()
                        .map(list -> ApiResponse.ok(new PackageViews.PurchasePage(list, Pagination.of(total, q))))));
    }

    private static long packageId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not an id: answered as unknown below
        }
        throw ApiException.notFound("Package not found");
    }

    /** A user id: any positive 64-bit number (identity provider ids are not limited to int). */
    private static long positive(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, field + " is required");
        }
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.stripTrailingZeros().scale() > 0 || value.signum() <= 0
                    || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new NumberFormatException();
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.invalidField(field, field + " must be a positive whole number");
        }
    }

    private static ApiException purchaseNotFound() {
        return ApiException.notFound("Package purchase not found");
    }
}
