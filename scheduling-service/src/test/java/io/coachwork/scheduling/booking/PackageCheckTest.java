package io.coachwork.scheduling.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's early refusal of a package booking, in wallet-service's words. */
class PackageCheckTest {

    private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));
    private static final Instant START = NOW.plus(Duration.ofDays(2));

    private static PackageCredits.View view(String status, int left) {
        return new PackageCredits.View(UUID.randomUUID(), 10, 20, status, 60, 5, left, EXPIRES);
    }

    @Test
    void aLivePurchaseWithCreditsPasses() {
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 20, 10, 60, START, NOW)).isEmpty();
    }

    @Test
    void everyRefusalIsNamed() {
        assertThat(PackageCheck.refusal(view("ACTIVE", 0), 20, 10, 60, START, NOW)).contains("No credits left in this package");
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 21, 10, 60, START, NOW))
                .contains("This package belongs to another student");
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 20, 11, 60, START, NOW))
                .contains("This package is for another tutor's sessions");
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 20, 10, 30, START, NOW))
                .contains("This package is for 60-minute sessions, not 30-minute ones");
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 20, 10, 60, EXPIRES, NOW))
                .contains("This package expires on 2027-02-09, before this session");
        assertThat(PackageCheck.refusal(view("ACTIVE", 1), 20, 10, 60, START, EXPIRES))
                .contains("This package expired on 2027-02-09");
        assertThat(PackageCheck.refusal(view("EXPIRED", 0), 20, 10, 60, START, NOW))
                .contains("This package expired on 2027-02-09");
        assertThat(PackageCheck.refusal(view("REFUNDED", 0), 20, 10, 60, START, NOW)).contains("This package was refunded");
        assertThat(PackageCheck.refusal(view("REQUIRES_PAYMENT", 0), 20, 10, 60, START, NOW))
                .contains("This package has not been paid");
    }
}
