package io.coachwork.wallet.admin;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.hours.HoursRepository;
import io.coachwork.wallet.hours.TutorPlans;
import io.coachwork.wallet.ledger.Units;
import io.coachwork.wallet.wallet.WalletQueries;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Wallet administration: adjustments with their audit trail, any tutor's wallet, and reconciliation.
 * Only super admins adjust (the route guard in {@code WalletApplication} and the gateway).
 */
@RestController
@RequestMapping("/api/admin/wallet")
public class AdminWalletController {

    private final Adjustments adjustments;
    private final AuditLog audit;
    private final Reconciliation reconciliation;
    private final WalletQueries wallets;
    private final HoursRepository hours;
    private final TutorPlans plans;

    public AdminWalletController(Adjustments adjustments, AuditLog audit, Reconciliation reconciliation,
                                 WalletQueries wallets, HoursRepository hours, TutorPlans plans) {
        this.adjustments = adjustments;
        this.audit = audit;
        this.reconciliation = reconciliation;
        this.wallets = wallets;
        this.hours = hours;
        this.plans = plans;
    }

    public record AdjustmentRequest(@NotNull(message = "tutor_id is required")
                                    @Positive(message = "tutor_id must be a positive number") Long tutorId,
                                    @NotNull(message = "amount is required") BigDecimal amount,
                                    @NotBlank(message = "reason is required")
                                    @Size(max = 500, message = "reason must be at most 500 characters") String reason) {
    }

    @PostMapping("/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<AdminViews.Adjustment>> adjust(@Valid @RequestBody AdjustmentRequest request, CurrentUser admin) {
        String currency = adjustments.currency();
        return adjustments.adjust(admin.id(), request.tutorId(), request.amount(), request.reason().trim())
                .map(done -> ApiResponse.ok("Wallet adjusted successfully", new AdminViews.Adjustment(done.auditId(),
                        done.tutorId(), Units.money(done.amountMinor(), currency), currency, request.reason().trim(),
                        Units.money(done.balanceMinor(), currency), done.transactionRef(), admin.id(), done.at())));
    }

    @GetMapping("/audit-log")
    public Mono<ApiResponse<AdminViews.AuditPage>> auditLog(@RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit,
                                                            @RequestParam(name = "tutor_id", required = false) Long tutorId) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(query -> audit.count(tutorId).flatMap(total -> audit.list(tutorId, query)
                        .map(e -> new AdminViews.AuditEntry(e.id(), e.adminId(), e.action(), e.tutorId(),
                                e.amountMinor() == null ? null : Units.money(e.amountMinor(), e.currency()), e.currency(),
                                e.reason(), e.outcome(), e.refusal(), e.transactionRef(), e.createdAt()))
                        .collectList()
                        .map(entries -> new AdminViews.AuditPage(entries, Pagination.of(total, query)))))
                .map(ApiResponse::ok);
    }

    @GetMapping("/wallets/{tutorId}")
    public Mono<ApiResponse<AdminViews.Wallet>> wallet(@PathVariable String tutorId) {
        long id;
        try {
            id = Long.parseLong(tutorId);
        } catch (NumberFormatException e) {
            return Mono.error(ApiException.notFound("Wallet not found"));
        }
        return wallets.wallet(id).flatMap(wallet -> hours.summary(id).zipWith(plans.unlimited(id), (s, unlimited) ->
                        new AdminViews.Wallet(id, wallet.balance(), wallet.currency(), wallet.updatedAt(),
                                new AdminViews.Hours(Units.hours(s.availableMinutes()), Units.hours(s.heldMinutes()),
                                        unlimited, Units.hours(s.purchasedMinutes()), Units.hours(s.usedMinutes()),
                                        s.lastUpdated()))))
                .map(ApiResponse::ok);
    }

    @GetMapping("/reconciliation")
    public Mono<ApiResponse<Reconciliation.Report>> reconcile() {
        return reconciliation.run().map(ApiResponse::ok);
    }
}
