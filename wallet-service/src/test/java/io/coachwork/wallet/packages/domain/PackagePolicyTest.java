package io.coachwork.wallet.packages.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a credit may be spent, when a purchase expires and when it is refunded (docs/packages.md). */
class PackagePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));
    private static final Instant SESSION = NOW.plus(Duration.ofDays(2));

    @Test
    void aPaidLivePurchaseOfTheStudentForTheTutorAndLengthSpendsACredit() {
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.ACTIVE, 1, 0), 20, 10, 60, SESSION, NOW)).isEmpty();
    }

    @Test
    void eachRefusalSaysWhy() {
        PackagePurchase p = purchase(PackagePurchase.ACTIVE, 1, 0);
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.ACTIVE, 5, 0), 20, 10, 60, SESSION, NOW))
                .contains("No credits left in this package");
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.ACTIVE, 3, 2), 20, 10, 60, SESSION, NOW))
                .contains("No credits left in this package");
        assertThat(PackagePolicy.consumeRefusal(p, 21, 10, 60, SESSION, NOW)).contains("This package belongs to another student");
        assertThat(PackagePolicy.consumeRefusal(p, 20, 11, 60, SESSION, NOW))
                .contains("This package is for another tutor's sessions");
        assertThat(PackagePolicy.consumeRefusal(p, 20, 10, 45, SESSION, NOW))
                .contains("This package is for 60-minute sessions, not 45-minute ones");
        assertThat(PackagePolicy.consumeRefusal(p, 20, 10, 60, EXPIRES.plusSeconds(60), NOW))
                .contains("This package expires on 2026-12-31, before this session");
        assertThat(PackagePolicy.consumeRefusal(p, 20, 10, 60, SESSION, EXPIRES))
                .contains("This package expired on 2026-12-31");
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.EXPIRED, 0, 5), 20, 10, 60, SESSION, NOW))
                .contains("This package expired on 2026-12-31");
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.REQUIRES_PAYMENT, 0, 0), 20, 10, 60, SESSION, NOW))
                .contains("This package has not been paid");
        assertThat(PackagePolicy.consumeRefusal(purchase(PackagePurchase.REFUNDED, 0, 0), 20, 10, 60, SESSION, NOW))
                .contains("This package was refunded");
    }

    @Test
    void aPurchaseExpiresAtTheEndOfItsValidityOnlyOnce() {
        assertThat(PackagePolicy.expires(purchase(PackagePurchase.ACTIVE, 2, 0), EXPIRES.minusMillis(1))).isFalse();
        assertThat(PackagePolicy.expires(purchase(PackagePurchase.ACTIVE, 2, 0), EXPIRES)).isTrue();
        assertThat(PackagePolicy.expires(purchase(PackagePurchase.EXPIRED, 2, 3), EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void onlyAnUnusedLivePurchaseIsRefundedAndNothingAfterExpiry() {
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.ACTIVE, 0, 0), NOW)).isEmpty();
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.ACTIVE, 1, 0), NOW))
                .contains("A credit of this package was used; used packages are not refunded");
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.ACTIVE, 0, 0), EXPIRES))
                .contains("This package has expired; unused credits are not refunded");
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.EXPIRED, 0, 5), EXPIRES))
                .contains("This package has expired; unused credits are not refunded");
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.REFUND_PENDING, 0, 0), NOW))
                .contains("This package was already refunded");
        assertThat(PackagePolicy.refundRefusal(purchase(PackagePurchase.REQUIRES_PAYMENT, 0, 0), NOW))
                .contains("This package has not been paid");
    }

    @Test
    void creditsLeftCountOnlyOnALivePurchase() {
        assertThat(purchase(PackagePurchase.ACTIVE, 2, 0).creditsLeft()).isEqualTo(3);
        assertThat(purchase(PackagePurchase.EXPIRED, 2, 3).creditsLeft()).isZero();
        assertThat(purchase(PackagePurchase.REQUIRES_PAYMENT, 0, 0).creditsLeft()).isZero();
    }

    private static PackagePurchase purchase(String status, int used, int expired) {
        return new PackagePurchase(UUID.randomUUID(), 1, 10, 20, "Five hours", 5, 60, 27_000, "USD", 30, status, "pi_1",
                "pi_1_secret", null, 27_000, used, expired, expired, 0, 0, 0, 0, NOW, EXPIRES, NOW, NOW);
    }
}
