package io.coachwork.platform.messaging;

import io.coachwork.contracts.CloudEvent;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * One idempotent consumer: the platform subscribes it to its topics in its own consumer group,
 * records each event id in the inbox and calls {@link #handle} in that same database transaction,
 * so an effect and its inbox row commit together or not at all. A handler that dedupes by itself
 * says so ({@link #appliesOnceItself}) and is spared the inbox row.
 */
public interface EventHandler {

    /** Stable name: the inbox key and the consumer-group suffix. */
    String name();

    Set<String> topics();

    /** Applies the event. Unknown types should complete empty; a failure is retried, then dead-lettered. */
    Mono<Void> handle(CloudEvent event);

    /**
     * True when {@link #handle} already makes a redelivered event change nothing, by a key of its
     * own stored with the effect (a saga's reply is applied once per saga step, a saga command once
     * per saga and command type). Its events then run in a transaction without an inbox row, which
     * would only repeat that check at the cost of one more statement per event.
     */
    default boolean appliesOnceItself() {
        return false;
    }
}
