package io.coachwork.notification.dispatch;

import io.coachwork.notification.template.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing one person should be told. {@code data} is the machine-readable part clients get in
 * the inbox and over the socket (snake_case keys); {@code dedupeKey} names the fact for this
 * person, so telling them twice is impossible however often the fact arrives.
 */
public record Notice(long recipientId, NotificationType type, Message message, Map<String, Object> data,
                     String dedupeKey) {

    public Notice {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The usual key: the triggering event, the person and the kind of notice. */
    public static String key(String eventId, long recipientId, NotificationType type) {
        return eventId + ":" + recipientId + ":" + type.key();
    }
}
