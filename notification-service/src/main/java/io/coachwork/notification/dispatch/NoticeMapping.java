package io.coachwork.notification.dispatch;

import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * One event source's say in notifications: which events of which topic it reads and who should be
 * told what about each. Declaring a bean of this type is all a new source needs; consuming
 * (exactly once), preferences, channels, rendering and delivery are the dispatcher's.
 *
 * @param <T> the contract record the events' {@code data} binds to
 */
public interface NoticeMapping<T> {

    String topic();

    /** CloudEvents types this mapping turns into notices; other types on the topic are ignored. */
    Set<String> eventTypes();

    Class<T> payloadType();

    /** The notices one event causes, possibly none. Runs in the event's transaction. */
    Mono<List<Notice>> notices(SourceEvent<T> event);

    /** An incoming event with its data bound. */
    record SourceEvent<T>(String id, String type, T data) {
    }
}
