package io.coachwork.notification.dispatch;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one consumer of every topic a {@link NoticeMapping} reads. The platform applies each event
 * once (inbox row and notifications commit together), retries failures and dead-letters what keeps
 * failing; here an event is routed by its type to the mapping that knows it, and its notices are
 * dispatched.
 */
@Component
public class NotificationEvents implements EventHandler {

    private final Map<String, NoticeMapping<?>> byType = new HashMap<>();
    private final Set<String> topics = new TreeSet<>();
    private final Dispatcher dispatcher;
    private final EventCodec codec;

    public NotificationEvents(List<NoticeMapping<?>> mappings, Dispatcher dispatcher, EventCodec codec) {
        for (NoticeMapping<?> mapping : mappings) {
            topics.add(mapping.topic());
            for (String type : mapping.eventTypes()) {
                NoticeMapping<?> previous = byType.put(type, mapping);
                if (previous != null) {
                    throw new IllegalStateException(type + " is mapped by both " + previous.getClass().getSimpleName()
                            + " and " + mapping.getClass().getSimpleName());
                }
            }
        }
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Set<String> topics() {
        return topics;
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        NoticeMapping<?> mapping = byType.get(event.type());
        return mapping == null ? Mono.empty() : apply(mapping, event);
    }

    private <T> Mono<Void> apply(NoticeMapping<T> mapping, CloudEvent event) {
        T data = codec.data(event, mapping.payloadType());
        return mapping.notices(new NoticeMapping.SourceEvent<>(event.id(), event.type(), data))
                .flatMap(dispatcher::dispatch)
                .then();
    }
}
