package io.coachwork.platform.outbox;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the fallback poll ten minutes away, only the wake-up after commit can publish: a committed
 * event still reaches Kafka at once. A wake-up fires after a commit, once, and never for a rollback.
 */
@TestPropertySource(properties = "coachwork.outbox.poll-interval=PT10M")
class OutboxWakeupTest extends PlatformIntegrationTest {

    @Autowired
    TransactionalOperator tx;

    @Test
    void aCommittedEventIsPublishedWithoutWaitingForThePoll() {
        String name = "wake-" + UUID.randomUUID();
        web.post().uri("/api/test/tutor/effects").headers(h -> h.setBearerAuth(TestJwt.tutor(11)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":2}")
                .exchange().expectStatus().isCreated();

        assertThat(TopicProbe.awaitRecord(PlatformTestApplication.TOPIC, r -> r.value().contains(name),
                Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void wakesAfterCommitOnlyAndAtOnceWithoutTransaction() {
        OutboxWakeup wakeup = new OutboxWakeup();
        AtomicInteger wakes = new AtomicInteger();
        Disposable counting = wakeup.signals().subscribe(signal -> wakes.incrementAndGet());
        try {
            Mono<Long> write = db.sql("SELECT 1 AS n").map((row, meta) -> row.get("n", Long.class)).one();

            tx.transactional(write.flatMap(n -> wakeup.afterCommit().then(Mono.error(new IllegalStateException("rollback")))))
                    .onErrorResume(IllegalStateException.class, e -> Mono.empty()).block();
            assertThat(wakes).hasValue(0);

            tx.transactional(write.flatMap(n -> wakeup.afterCommit().then(Mono.fromRunnable(
                    () -> assertThat(wakes).as("not before the commit").hasValue(0))))).block();
            assertThat(wakes).hasValue(1);

            wakeup.afterCommit().block();
            assertThat(wakes).hasValue(2);
        } finally {
            counting.dispose();
        }
    }
}
