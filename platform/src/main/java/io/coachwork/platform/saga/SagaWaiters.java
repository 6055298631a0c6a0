package io.coachwork.platform.saga;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Requests of this instance waiting for a saga, keyed by saga id. A committed change to the saga
 * wakes them at once; changes made by another replica reach them through the engine's poll.
 */
class SagaWaiters {

    private final Map<UUID, Sinks.Many<Boolean>> waiting = new ConcurrentHashMap<>();

    /** Signals each time the saga changed here; subscribe before reading the saga, so no change is missed. */
    Flux<Boolean> changes(UUID sagaId) {
        return Flux.defer(() -> waiting.computeIfAbsent(sagaId, id -> Sinks.many().multicast().directBestEffort())
                        .asFlux())
                .doFinally(signal -> waiting.computeIfPresent(sagaId,
                        (id, sink) -> sink.currentSubscriberCount() == 0 ? null : sink));
    }

    void wake(UUID sagaId) {
        Sinks.Many<Boolean> sink = waiting.get(sagaId);
        if (sink != null) {
            sink.tryEmitNext(Boolean.TRUE);
        }
    }

    int size() {
        return waiting.size();
    }
}
