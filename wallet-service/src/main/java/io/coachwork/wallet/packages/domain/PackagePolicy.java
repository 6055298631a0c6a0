package io.coachwork.wallet.packages.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The rules of spending, returning, expiring and refunding package credits (docs/packages.md):
 * <ul>
 * <li>A booking spends one credit of a paid, unexpired purchase of its student, for the package's
 * tutor and session length, on a session that starts before the purchase expires.</li>
 * <li>A cancelled or refused booking gives its credit back, whoever cancels and however late (a
 * credit is one whole session; the tutor's late-cancel policy applies to card payments only). A
 * credit given back to an expired purchase is forfeited with the others.</li>
 * <li>At the end of its validity a purchase expires: its unused credits are forfeited and their
 * share of the price is the platform's; the platform refunds nothing after expiry.</li>
 * <li>A purchase is refunded in full, on the student's request before it expires, only while none
 * of its credits is in use or delivered (a credit given back counts as unused); once one is,
 * nothing is refunded.</li>
 * </ul>
 */
public final class PackagePolicy {

    public static final String NO_CREDITS_LEFT = "No credits left in this package";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private PackagePolicy() {
    }

    /** Why {@code p} cannot pay this booking; empty when one credit may be spent. */
    public static Optional<String> consumeRefusal(PackagePurchase p, long studentId, long tutorId, int durationMinutes,
                                                  Instant startsAt, Instant now) {
        if (p.studentId() != studentId) {
            return Optional.of("This package belongs to another student");
        }
        switch (p.status()) {
            case PackagePurchase.REQUIRES_PAYMENT, PackagePurchase.FAILED, PackagePurchase.CANCELLED -> {
                return Optional.of("This package has not been paid");
            }
            case PackagePurchase.REFUND_PENDING, PackagePurchase.REFUNDED -> {
                return Optional.of("This package was refunded");
            }
            default -> {
            }
        }
        if (PackagePurchase.EXPIRED.equals(p.status()) || !now.isBefore(p.expiresAt())) {
            return Optional.of("This package expired on " + DAY.format(p.expiresAt()));
        }
        if (p.tutorId() != tutorId) {
            return Optional.of("This package is for another tutor's sessions");
        }
        if (p.durationMinutes() != durationMinutes) {
            return Optional.of("This package is for " + p.durationMinutes() + "-minute sessions, not "
                    + durationMinutes + "-minute ones");
        }
        if (startsAt != null && !startsAt.isBefore(p.expiresAt())) {
            return Optional.of("This package expires on " + DAY.format(p.expiresAt()) + ", before this session");
        }
        if (p.creditsLeft() <= 0) {
            return Optional.of(NO_CREDITS_LEFT);
        }
        return Optional.empty();
    }

    /** Due for expiry: a paid purchase past the end of its validity. */
    public static boolean expires(PackagePurchase p, Instant now) {
        return PackagePurchase.ACTIVE.equals(p.status()) && !now.isBefore(p.expiresAt());
    }

    /** Why {@code p} cannot be refunded now; empty when it is refunded in full. */
    public static Optional<String> refundRefusal(PackagePurchase p, Instant now) {
        if (!PackagePurchase.ACTIVE.equals(p.status())) {
            return Optional.of(switch (p.status()) {
                case PackagePurchase.EXPIRED -> "This package has expired; unused credits are not refunded";
                case PackagePurchase.REFUND_PENDING, PackagePurchase.REFUNDED -> "This package was already refunded";
                default -> "This package has not been paid";
            });
        }
        if (!now.isBefore(p.expiresAt())) {
            return Optional.of("This package has expired; unused credits are not refunded");
        }
        if (p.creditsUsed() > 0 || p.creditsSettled() > 0) {
            return Optional.of("A credit of this package was used; used packages are not refunded");
        }
        return Optional.empty();
    }
}
