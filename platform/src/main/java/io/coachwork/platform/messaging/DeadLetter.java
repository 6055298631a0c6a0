package io.coachwork.platform.messaging;

import java.time.Instant;

/** A record that kept failing, as an admin lists it. */
public record DeadLetter(long id, String consumer, String topic, int partition, long offset, String messageKey,
                         String eventId, String eventType, String payload, String error, int attempts,
                         Instant failedAt, Instant replayedAt) {
}
