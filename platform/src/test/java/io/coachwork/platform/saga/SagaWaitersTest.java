package io.coachwork.platform.saga;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A waiter hears its own saga's changes only, and leaves nothing behind when it is done. */
class SagaWaitersTest {

    @Test
    void aWakeReachesTheWaitersOfThatSagaAndTheEntryGoesWhenTheyLeave() {
        SagaWaiters waiters = new SagaWaiters();
        UUID saga = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        StepVerifier.create(waiters.changes(saga).next())
                .then(() -> waiters.wake(other))
                .then(() -> waiters.wake(saga))
                .expectNext(Boolean.TRUE)
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(waiters.size()).isZero();
    }

    @Test
    void aWakeWithNobodyWaitingIsDropped() {
        SagaWaiters waiters = new SagaWaiters();
        waiters.wake(UUID.randomUUID());
        assertThat(waiters.size()).isZero();
    }
}
