package io.coachwork.notification.delivery;

import java.time.Instant;

/**
 * One line of the delivery log: what went (or did not go) to whom, through which channel. For a
 * skipped delivery {@code error} says why it was not sent.
 */
public record DeliveryView(long id, long notificationId, long userId, String type, String channel, String status,
                           String recipient, String subject, int attempts, String error, Instant createdAt,
                           Instant updatedAt, Instant sentAt) {
}
