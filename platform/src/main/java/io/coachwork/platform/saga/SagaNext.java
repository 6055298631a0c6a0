package io.coachwork.platform.saga;

/**
 * What a reply handler decides: the saga's new data and where it goes next. Effects on the owning
 * service's own tables are done by the handler itself, in the same transaction.
 */
public sealed interface SagaNext<D> {

    D data();

    /** Wait for the owning service to start the next step (see {@link SagaEngine#advance}). */
    record Idle<D>(D data) implements SagaNext<D> {
    }

    /** Send the command of {@code step} now. */
    record Step<D>(String step, D data) implements SagaNext<D> {
    }

    record Complete<D>(D data) implements SagaNext<D> {
    }

    /** A participant refused: the saga ends failed with {@code reason}. */
    record Fail<D>(String reason, D data) implements SagaNext<D> {
    }

    static <D> SagaNext<D> idle(D data) {
        return new Idle<>(data);
    }

    static <D> SagaNext<D> step(String step, D data) {
        return new Step<>(step, data);
    }

    static <D> SagaNext<D> complete(D data) {
        return new Complete<>(data);
    }

    static <D> SagaNext<D> fail(String reason, D data) {
        return new Fail<>(reason, data);
    }
}
