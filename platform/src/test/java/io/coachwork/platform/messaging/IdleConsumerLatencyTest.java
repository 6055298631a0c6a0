package io.coachwork.platform.messaging;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import io.coachwork.platform.testapp.PlatformTestApplication.EffectRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Idle consumers wait 2 s per fetch and per poll to save CPU (KafkaClients); that wait must never
 * hold a record back. Each event below reaches a consumer that is waiting idle, with its fetch
 * parked at the broker, and must be applied well within one idle wait.
 */
class IdleConsumerLatencyTest extends PlatformIntegrationTest {

    private static final Duration WELL_WITHIN_ONE_IDLE_WAIT = Duration.ofMillis(1_000);

    @Test
    void anEventReachingAnIdleConsumerIsAppliedAtOnce() {
        // The first event may wait for the group to form.
        String first = sendEffect();
        await().atMost(Duration.ofSeconds(30)).until(() -> countEffects(first) == 1);

        for (int i = 0; i < 3; i++) {
            String name = sendEffect();
            await().atMost(WELL_WITHIN_ONE_IDLE_WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> countEffects(name) == 1);
        }
    }

    private static String sendEffect() {
        String name = "idle-" + UUID.randomUUID();
        TopicProbe.send(PlatformTestApplication.TOPIC, name, TestEvents.cloudEvent(UUID.randomUUID().toString(),
                PlatformTestApplication.EFFECT_REQUESTED, name, new EffectRequest(name, 1)));
        return name;
    }
}
