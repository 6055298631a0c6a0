package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * One idempotent consumer: the platform subscribes it to its topics in its own consumer group,
 * records each event id in the inbox and calls {@link #handle} in that same database transaction,
 * so an effect and its inbox row commit together or not at all.
 */
public interface EventHandler {

    /** Stable name: the inbox key and the consumer-group suffix. */
    String name();

    Set<String> topics();

    /** Applies the event. Unknown types should complete empty; a failure is retried, then dead-lettered. */
    Mono<Void> handle(CloudEvent event);
}
