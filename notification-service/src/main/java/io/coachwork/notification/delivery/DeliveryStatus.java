package io.coachwork.notification.delivery;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a delivery stands: {@code pending} (queued email), {@code sending} (a worker holds it),
 * {@code sent}, {@code failed} (every attempt failed; the error is kept) or {@code skipped}
 * (deliberately not sent: turned off, no address, not connected; the reason is kept).
 */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, FAILED, SKIPPED;

    public String key() {
        return name().toLowerCase();
    }

    public static Optional<DeliveryStatus> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
