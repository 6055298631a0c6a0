package io.coachwork.platform.saga;

/** A saga a service orchestrates: a bean declaring it, one per use case; the engine finds it by type. */
public interface Saga<D> {

    SagaDefinition<D> definition();
}
