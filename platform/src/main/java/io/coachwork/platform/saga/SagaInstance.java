package io.coachwork.platform.saga;

import java.time.Instant;
import java.util.UUID;

/**
 * One saga as stored in the owning service's {@code saga_instance} table. {@code step} is the step
 * whose command is out (or the last one that ran); {@code data} is the definition's state record.
 */
public record SagaInstance<D>(UUID sagaId, String type, SagaState state, String step, D data, int attempts,
                              Instant nextAttemptAt, Instant stepDeadline, String failure, Instant createdAt,
                              Instant updatedAt) {
}
