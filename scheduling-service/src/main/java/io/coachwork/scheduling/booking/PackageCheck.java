package io.coachwork.scheduling.booking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The early refusal of a package booking from the read model, with wallet-service's own messages
 * (its PackagePolicy decides in the end: the read model can lag, and holds racing for the last
 * credit both pass here).
 */
final class PackageCheck {

    static final String NO_CREDITS_LEFT = "No credits left in this package";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private PackageCheck() {
    }

    static Optional<String> refusal(PackageCredits.View v, long studentId, long tutorId, int minutes, Instant startsAt,
                                    Instant now) {
        if (v.studentId() != studentId) {
            return Optional.of("This package belongs to another student");
        }
        switch (v.status()) {
            case "ACTIVE" -> {
            }
            case "EXPIRED" -> {
                return Optional.of("This package expired on " + DAY.format(v.expiresAt()));
            }
            case "REFUND_PENDING", "REFUNDED" -> {
                return Optional.of("This package was refunded");
            }
            default -> {
                return Optional.of("This package has not been paid");
            }
        }
        if (v.expiresAt() != null && !now.isBefore(v.expiresAt())) {
            return Optional.of("This package expired on " + DAY.format(v.expiresAt()));
        }
        if (v.tutorId() != tutorId) {
            return Optional.of("This package is for another tutor's sessions");
        }
        if (v.durationMinutes() != minutes) {
            return Optional.of("This package is for " + v.durationMinutes() + "-minute sessions, not " + minutes
                    + "-minute ones");
        }
        if (v.expiresAt() != null && !startsAt.isBefore(v.expiresAt())) {
            return Optional.of("This package expires on " + DAY.format(v.expiresAt()) + ", before this session");
        }
        if (v.creditsLeft() <= 0) {
            return Optional.of(NO_CREDITS_LEFT);
        }
        return Optional.empty();
    }
}
