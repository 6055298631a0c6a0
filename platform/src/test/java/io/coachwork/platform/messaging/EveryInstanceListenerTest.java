package io.coachwork.platform.messaging;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EveryInstanceListenerTest extends PlatformIntegrationTest {

    private static final String CHANGED = "test.cache.changed";

    @Autowired
    private KafkaClients clients;

    @Autowired
    private EventCodec codec;

    @Test
    void theActionRunsOnceThePartitionsAreAssignedThenForEachEventOfItsType() {
        String topic = "every-instance-" + UUID.randomUUID();
        // Sent before the listener starts: behind the latest offset it reads from, so never delivered to it.
        TopicProbe.send(topic, "cache", TestEvents.cloudEvent(CHANGED, "before", Map.of()));
        AtomicInteger runs = new AtomicInteger();
        EveryInstanceListener listener = new EveryInstanceListener(clients, codec, "test-cache", topic, CHANGED,
                runs::incrementAndGet) {
        };
        listener.start();
        try {
            // The assignment runs the action: what was announced before it is covered.
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 1);
            assertThat(runs.get()).isEqualTo(1);

            // Same key, one partition, read in order: when the change is heard, the other event was read before it.
            TopicProbe.send(topic, "cache", TestEvents.cloudEvent("test.other", "other", Map.of()));
            TopicProbe.send(topic, "cache", TestEvents.cloudEvent(CHANGED, "after", Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 2);
            assertThat(runs.get()).isEqualTo(2);
        } finally {
            listener.stop();
        }
    }
}
