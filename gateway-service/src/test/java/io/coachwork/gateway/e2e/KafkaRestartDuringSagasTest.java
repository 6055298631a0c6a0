package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.ServiceProcess;
import io.coachwork.platform.test.kafka.BrokerProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's fault test, second half: the Kafka broker is SIGKILLed in the middle of 100
 * coaching-session creations and cancellations, then started again with its data. The run's shared
 * broker lives in the test JVM and cannot come back on the same port, so this test runs its own
 * broker as a child JVM ({@link BrokerProcess}) with its own session- and wallet-service (called
 * directly, not through the gateway). See {@link SagaFaultScenario} for what must hold.
 */
class KafkaRestartDuringSagasTest {

    @Test
    void everySagaCompletesAfterTheBrokerIsKilledMidwayAndRestarted() {
        BrokerProcess broker = BrokerProcess.start();
        Map<String, String> kafka = Map.of("COACHWORK_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        ServiceProcess wallet = ServiceProcess.start("wallet-service", kafka);
        ServiceProcess session = ServiceProcess.start("session-service", kafka);
        try {
            new SagaFaultScenario(session.baseUrl(), wallet.baseUrl()).run(broker::kill, broker::restart);
        } finally {
            session.kill();
            wallet.kill();
            broker.kill();
        }
    }
}
