package io.coachwork.gateway.e2e;

import org.junit.jupiter.api.Test;

/**
 * Issue 7's fault test, first half: wallet-service is SIGKILLed in the middle of 100
 * coaching-session creations and cancellations through the gateway, then started again (same port,
 * same database). See {@link SagaFaultScenario} for what must hold within two minutes.
 */
class WalletCrashDuringSagasTest extends EndToEndTest {

    @Test
    void everySagaCompletesOrIsCompensatedAfterTheWalletIsKilledMidway() {
        RunningPlatform platform = RunningPlatform.get();
        String gatewayUrl = "http://localhost:" + gatewayPort;
        new SagaFaultScenario(gatewayUrl, gatewayUrl).run(platform.wallet::kill, platform.wallet::restart);
    }
}
