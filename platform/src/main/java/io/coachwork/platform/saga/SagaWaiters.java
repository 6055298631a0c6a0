package io.coachwork.platform.saga;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Requests of this instance waiting for a saga, keyed by saga id. A committed change to the saga
 * wakes them at once with the saga as committed; changes made by another replica reach them through
 * the engine's poll.
 */
class SagaWaiters {

    private final Map<UUID, Sinks.Many<SagaStore.Row>> waiting = new ConcurrentHashMap<>();

    /** Signals the saga each time it changed here; subscribe before reading the saga, so no change is missed. */
    Flux<SagaStore.Row> changes(UUID sagaId) {
        return Flux.defer(() -> waiting.computeIfAbsent(sagaId, id -> Sinks.many().multicast().directBestEffort())
                        .asFlux())
                .doFinally(signal -> waiting.computeIfPresent(sagaId,
                        (id, sink) -> sink.currentSubscriberCount() == 0 ? null : sink));
    }

    void wake(SagaStore.Row committed) {
        Sinks.Many<SagaStore.Row> sink = waiting.get(committed.sagaId());
        if (sink != null) {
            sink.tryEmitNext(committed);
        }
    }

    int size() {
        return waiting.size();
    }
}
