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
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the fallback poll ten minutes away, only the wake-up after commit can publish: a committed
 * event still reaches Kafka at once, and a rolled-back write wakes nobody.
 */
@TestPropertySource(properties = "coachwork.outbox.poll-interval=PT10M")
class OutboxWakeupTest extends PlatformIntegrationTest {

    @Autowired
    OutboxWakeup wakeup;

    @Test
    void commitWakesTheRelayAndRollbackDoesNot() {
        AtomicInteger wakes = new AtomicInteger();
        Disposable counting = wakeup.signals().subscribe(signal -> wakes.incrementAndGet());
        try {
            post("rollback-" + UUID.randomUUID(), 409);
            assertThat(wakes).hasValue(0);

            String name = "wake-" + UUID.randomUUID();
            post(name, 201);
            assertThat(wakes).hasValue(1);
            assertThat(TopicProbe.awaitRecord(PlatformTestApplication.TOPIC, r -> r.value().contains(name),
                    Duration.ofSeconds(20))).isPresent();
        } finally {
            counting.dispose();
        }
    }

    private void post(String name, int status) {
        web.post().uri("/api/test/tutor/effects").headers(h -> h.setBearerAuth(TestJwt.tutor(11)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + name + "\",\"amount\":2}")
                .exchange().expectStatus().isEqualTo(status);
    }
}
