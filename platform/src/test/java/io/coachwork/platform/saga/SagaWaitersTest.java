package io.coachwork.platform.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A waiter hears its own saga's changes only, as committed, and leaves nothing behind when it is done. */
class SagaWaitersTest {

    @Test
    void aWakeReachesTheWaitersOfThatSagaAndTheEntryGoesWhenTheyLeave() {
        SagaWaiters waiters = new SagaWaiters();
        SagaStore.Row saga = completed(UUID.randomUUID());
        SagaStore.Row other = completed(UUID.randomUUID());

        StepVerifier.create(waiters.changes(saga.sagaId()).next())
                .then(() -> waiters.wake(other))
                .then(() -> waiters.wake(saga))
                .expectNext(saga)
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(waiters.size()).isZero();
    }

    @Test
    void aWakeWithNobodyWaitingIsDropped() {
        SagaWaiters waiters = new SagaWaiters();
        waiters.wake(completed(UUID.randomUUID()));
        assertThat(waiters.size()).isZero();
    }

    private static SagaStore.Row completed(UUID sagaId) {
        Instant at = Instant.parse("2026-11-29T20:00:00Z");
        return new SagaStore.Row(sagaId, "test", SagaState.COMPLETED, "only", "{}", 1, null, null, null, at, at);
    }
}
