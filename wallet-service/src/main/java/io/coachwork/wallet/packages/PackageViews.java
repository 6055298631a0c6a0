package io.coachwork.wallet.packages;

import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.ledger.Units;
import io.coachwork.wallet.packages.domain.PackagePricing;
import io.coachwork.wallet.packages.domain.PackagePurchase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the package endpoints; money in major units of {@code currency}. */
public final class PackageViews {

    private PackageViews() {
    }

    /**
     * {@code full_price}: the sessions one by one at the hourly rate (discount-priced packages only);
     * {@code price_per_session}: the price over the sessions, rounded down (the credits share the remainder).
     */
    public record PackageView(long id, long tutorId, String name, int sessionCount, int durationMinutes, BigDecimal price,
                              BigDecimal pricePerSession, String currency, BigDecimal discountPercent,
                              BigDecimal fullPrice, int validityDays, boolean active, Instant createdAt,
                              Instant updatedAt) {

        static PackageView of(SessionPackage p) {
            BigDecimal full = p.hourlyRateMinor() == null ? null : Units.money(
                    PackagePricing.fullPrice(p.hourlyRateMinor(), p.sessionCount(), p.durationMinutes()), p.currency());
            return new PackageView(p.id(), p.tutorId(), p.name(), p.sessionCount(), p.durationMinutes(),
                    Units.money(p.priceMinor(), p.currency()),
                    Units.money(p.priceMinor() / p.sessionCount(), p.currency()), p.currency(),
                    p.discountPercent(), full, p.validityDays(), p.active(), p.createdAt(), p.updatedAt());
        }
    }

    public record PackagePage(List<PackageView> packages, Pagination pagination) {
    }

    /** One credit's use: the booking it paid and where that stands (CONSUMED, RETURNED, RELEASED). */
    public record Usage(String bookingId, String status, Instant sessionStartsAt, Instant usedAt, Instant returnedAt,
                        Instant completedAt) {

        static Usage of(PurchaseRepository.Credit c) {
            return new Usage(c.bookingId(), c.status(), c.startsAt(), c.consumedAt(), c.returnedAt(), c.releasedAt());
        }
    }

    /**
     * A purchase as its student or tutor sees it. {@code client_secret} is the student's only (to pay
     * with Stripe.js); {@code usage} is listed on the single-purchase read.
     */
    public record PurchaseView(UUID id, long packageId, long tutorId, long studentId, String name, String status,
                               int durationMinutes, BigDecimal price, String currency, int creditsTotal, int creditsUsed,
                               int creditsLeft, int creditsExpired, String paymentIntentId, String clientSecret,
                               String failureReason, Instant paidAt, Instant expiresAt, Instant createdAt,
                               List<Usage> usage) {

        static PurchaseView of(PackagePurchase p, long viewer, List<Usage> usage) {
            return new PurchaseView(p.id(), p.packageId(), p.tutorId(), p.studentId(), p.name(), p.status(),
                    p.durationMinutes(), Units.money(p.priceMinor(), p.currency()), p.currency(), p.sessionCount(),
                    p.creditsUsed(), p.creditsLeft(), p.creditsExpired(), p.paymentIntentId(),
                    viewer == p.studentId() ? p.clientSecret() : null, p.failureReason(), p.paidAt(), p.expiresAt(),
                    p.createdAt(), usage);
        }
    }

    public record PurchasePage(List<PurchaseView> purchases, Pagination pagination) {
    }

    public record ExpiryReport(int purchasesExpired, int creditsExpired) {
    }
}
