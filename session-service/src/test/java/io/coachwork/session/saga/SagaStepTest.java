package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each saga step sends its own command, the same every time, naming the reply topic. */
class SagaStepTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");

    @Test
    void eachStepBuildsItsWalletCommand() {
        SagaStep reserve = SagaStep.begin(5, 7, SagaStep.Step.RESERVE, 60, NOW);
        assertThat(reserve.commandType()).isEqualTo(EventTypes.RESERVE_HOURS);
        assertThat(reserve.command()).isEqualTo(new WalletCommands.ReserveHours(reserve.sagaId().toString(), 7, 5, 60,
                Topics.SESSION_SAGA_REPLIES));
        assertThat(reserve.state()).isEqualTo(SagaStep.State.AWAITING_REPLY);
        assertThat(reserve.attempts()).isEqualTo(1);

        SagaStep settle = SagaStep.begin(5, 7, SagaStep.Step.SETTLE, 45, NOW);
        assertThat(settle.commandType()).isEqualTo(EventTypes.SETTLE_HOURS);
        assertThat(settle.command()).isEqualTo(new WalletCommands.SettleHours(settle.sagaId().toString(), 7, 5, 45,
                Topics.SESSION_SAGA_REPLIES));

        SagaStep release = SagaStep.begin(5, 7, SagaStep.Step.RELEASE, null, NOW);
        assertThat(release.commandType()).isEqualTo(EventTypes.RELEASE_HOURS);
        assertThat(release.command()).isEqualTo(new WalletCommands.ReleaseHours(release.sagaId().toString(), 7, 5,
                Topics.SESSION_SAGA_REPLIES));
    }

    @Test
    void everyStepHasItsOwnSagaId() {
        assertThat(SagaStep.begin(5, 7, SagaStep.Step.RESERVE, 60, NOW).sagaId())
                .isNotEqualTo(SagaStep.begin(5, 7, SagaStep.Step.RESERVE, 60, NOW).sagaId());
    }
}
