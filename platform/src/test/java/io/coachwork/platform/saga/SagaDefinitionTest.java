package io.coachwork.platform.saga;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A saga definition is checked when it is built: every reply belongs to one step, compensations exist. */
class SagaDefinitionTest {

    record Data(long id) {
    }

    private static SagaDefinition.StepBuilder<Data> step(SagaDefinition.Builder<Data> saga, String name, String reply) {
        return saga.step(name)
                .invoke("commands", "command." + name, d -> Long.toString(d.id()), (id, d) -> d)
                .onReply(reply, Data.class, (s, r) -> Mono.just(SagaNext.complete(s.data())));
    }

    @Test
    void aDefinitionFindsTheStepOfEachReply() {
        SagaDefinition<Data> saga = step(SagaDefinition.saga("test", Data.class), "reserve", "reserved")
                .compensatedBy("release").timeout(Duration.ofMinutes(5)).maxAttempts(3)
                .step("release").invoke("commands", "command.release", d -> "k", (id, d) -> d)
                .onReply("released", Data.class, (s, r) -> Mono.just(SagaNext.complete(s.data())))
                .build();

        assertThat(saga.stepForReply("reserved")).get().extracting(SagaDefinition.Step::name).isEqualTo("reserve");
        assertThat(saga.stepForReply("released")).get().extracting(SagaDefinition.Step::name).isEqualTo("release");
        assertThat(saga.stepForReply("unknown")).isEmpty();
        assertThat(saga.step("reserve").compensation()).isEqualTo("release");
        assertThat(saga.step("reserve").timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(saga.step("reserve").maxAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> saga.step("missing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyTypeBelongsToOneStep() {
        assertThatThrownBy(() -> step(SagaDefinition.saga("test", Data.class), "a", "done")
                .step("b").invoke("commands", "command.b", d -> "k", (id, d) -> d)
                .onReply("done", Data.class, (s, r) -> Mono.just(SagaNext.complete(s.data())))
                .build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reply done belongs to steps a and b");
    }

    @Test
    void aCompensationMustBeAStepOfTheSaga() {
        assertThatThrownBy(() -> step(SagaDefinition.saga("test", Data.class), "a", "done").compensatedBy("undo").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compensated by unknown step undo");
    }

    @Test
    void aStepNeedsACommandAndAReply() {
        assertThatThrownBy(() -> SagaDefinition.saga("test", Data.class).step("a").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SagaDefinition.saga("test", Data.class).step("a").maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
